package at.jobfair.access;

/** How a member of staff stands to a person: what gives them a right to the person's data at all. */
public enum Relation {
  /** The person's own SfA caseworker. */
  CASEWORKER,
  /**
   * An SfA acting for the person's caseworker: their deputy (within the deputy's dates) or a member of the same team.
   * The same rights as {@link #CASEWORKER}, a separate name so that the person's access log says it was a stand-in.
   */
  DEPUTY,
  /** Staff of a station the person is waiting at, or was at, in a fair's cascade (by the station's roles). */
  STATION,
  /** As {@link #STATION}, for the sanction check: the inquiry service or SfA who hear the person. */
  SANCTION_CHECK,
  /** The municipality, for a recipient of minimum income who lives in its area (decided under the Land's law). */
  MUNICIPALITY,
  /** Organisers: the administration of fairs and accounts, never benefit or health data. */
  ADMINISTRATION
}
