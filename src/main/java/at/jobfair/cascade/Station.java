package at.jobfair.cascade;

/** The stations of a cascade, in the only order they may ever follow each other. */
public enum Station { TRAINING_SCREENING, OFFER, LOCAL_OFFER, SANCTION_CHECK, DECISION }
