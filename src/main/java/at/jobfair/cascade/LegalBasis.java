package at.jobfair.cascade;

/** Binding (placement proposal) or voluntary (mass mailing, public promotion). Only BINDING may lead to a sanction check. */
public enum LegalBasis { BINDING, VOLUNTARY }
