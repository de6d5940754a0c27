-- An unbooked binding proposal becomes one worklist item, however often and by however many caseworkers the
-- worklist is opened at once.
create unique index worklist_item_proposal on worklist_item (proposal_id) where kind = 'OVERDUE_PROPOSAL';
