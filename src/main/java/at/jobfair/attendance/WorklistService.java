package at.jobfair.attendance;

import at.jobfair.access.Relations;
import at.jobfair.access.StaffAccess;
import at.jobfair.identity.Account;
import at.jobfair.refusal.Reason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SfA caseworker's worklist: sick-note flags with their evidence (recording the result closes one), and from other
 * features their own people's requests for reasons waiting for them (a no-show on an appointment with an obligation, an
 * unbooked binding proposal: the no-show package asks the person and the caseworker decides there) and the cascade's
 * decisions. A no-show is no longer a tick here: it is a request for reasons the person answers.
 */
public final class WorklistService {

  /** What the caseworker found when checking an item. */
  public enum Result { REASON_ACCEPTED, SANCTION_CHECK, NO_ACTION }

  /**
   * More items for a caseworker's list, from other features, for the caseworker's own people: requests for reasons
   * ({@code REASONS}), and the cascade's decisions, waiver considerations and course follow-ups. Each item carries its
   * {@code kind}, one of {@link WorklistKind}.
   */
  @FunctionalInterface
  public interface ItemSource {
    Future<List<JsonObject>> of(long caseworkerId);
  }

  /** An item of the list: its kind, and the item as answered (with {@code kind}). */
  public record Item(WorklistKind kind, JsonObject json) {
  }

  private final WorklistStore store;
  private final Relations relations;
  private final AttendanceService attendance;
  private final List<ItemSource> more;

  public WorklistService(WorklistStore store, Relations relations, AttendanceService attendance, ItemSource... more) {
    this.store = store;
    this.relations = relations;
    this.attendance = attendance;
    this.more = List.of(more);
  }

  /** Records the result of checking an open item of the caseworker's people (with an optional note), which closes it. */
  public Future<Void> result(Account me, long itemId, String result, String note) {
    Result checked = Arrays.stream(Result.values()).filter(r -> r.name().equals(result)).findFirst().orElse(null);
    if (checked == null) return Future.failedFuture(Reason.WORKLIST_RESULT_INVALID.refuse());
    String cleanNote = note == null || note.isBlank() ? null : note.strip();
    if (cleanNote != null && cleanNote.length() > AttendancePolicy.MAX_NOTE) return Future.failedFuture(Reason.NOTE_TOO_LONG.refuse());
    return store.close(itemId, me.id(), checked.name(), cleanNote).compose(closed -> closed ? Future.<Void>succeededFuture()
        : store.closed(itemId, me.id()).compose(was -> Future.failedFuture(was == null ? Reason.WORKLIST_ITEM_NOT_FOUND.refuse()
            : Reason.WORKLIST_ITEM_CLOSED.refuse())));
  }

  /** The open items of the caseworker's own people, with evidence: the sick-note flags first, then the other features'. */
  public Future<List<Item>> open(Account me) {
    Instant now = attendance.clock().instant();
    return store.sickNoteFlags(me.id()).compose(flags -> {
      List<Item> items = new ArrayList<>();
      Set<Long> flagged = new TreeSet<>();
      for (WorklistStore.Flag flag : flags) {
        flag.item().getJsonObject("evidence").put("state", AttendancePolicy.state(flag.facts(), now, attendance.grace()).name());
        flagged.add(flag.item().getJsonObject("person").getLong("id"));
        items.add(new Item(WorklistKind.SICK_NOTE_FLAG, flag.item()));
      }
      // sick notes are health data: each person's entry goes into their access log, with the relation (own or deputy)
      return relations.logReads(me, flagged, "sick_notes", StaffAccess.Data.BENEFIT).compose(v -> store.sickNotes(flagged)).compose(notes -> {
        for (Item item : items) {
          JsonArray list = notes.getOrDefault(item.json().getJsonObject("person").getLong("id"), new JsonArray());
          item.json().getJsonObject("evidence").put("sickNotes", list).put("sickNoteCount", list.size());
        }
        return Future.all(more.stream().map(source -> source.of(me.id())).toList());
      }).map(others -> {
        for (int i = 0; i < others.size(); i++) {
          for (JsonObject o : others.<List<JsonObject>>resultAt(i)) items.add(new Item(WorklistKind.of(o.getString("kind")), o));
        }
        return items;
      });
    });
  }
}
