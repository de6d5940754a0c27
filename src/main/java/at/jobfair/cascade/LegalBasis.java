package at.jobfair.cascade;

/**
 * What the participation obliges the person to: BINDING (a placement proposal), VOLUNTARY (mass mailing, public
 * promotion) or CONTROL (a control appointment, § 49 AlVG / § 32 SGB II, which has its own consequence and can never
 * become a refusal-of-work case). Only BINDING may lead to a sanction check.
 */
public enum LegalBasis { BINDING, VOLUNTARY, CONTROL }
