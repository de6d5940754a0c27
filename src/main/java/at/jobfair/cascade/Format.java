package at.jobfair.cascade;

/** The formats of a fair; each has its default playbook. */
public enum Format { E_JOBMEETING, REGIONAL, SUPRA_REGIONAL, CAMPAIGN, SECTOR }
