package at.jobfair.legal;

/**
 * What an invitation obliges a person to. Only BINDING may lead to a refusal-of-work case (the cascade's sanction
 * check); CONTROL has its own consequence for a missed appointment and can never become such a case.
 */
public enum Obligation { VOLUNTARY, BINDING, CONTROL }
