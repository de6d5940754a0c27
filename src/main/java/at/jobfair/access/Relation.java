package at.jobfair.access;

/** How a member of staff stands to a person: what gives them a right to the person's data at all. */
public enum Relation {
  /** The person's own SfA caseworker. */
  CASEWORKER,
  /** Staff of a station the person is waiting at, or was at, in a fair's cascade (by the station's roles). */
  STATION,
  /** As {@link #STATION}, for the sanction check: the inquiry service or SfA who hear the person. */
  SANCTION_CHECK,
  /** The municipality, for a recipient of minimum income (decided under the Land's law). */
  MUNICIPALITY,
  /** Organisers: the administration of fairs and accounts, never benefit or health data. */
  ADMINISTRATION
}
