package at.jobfair.legal;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a catalogue of legal bases (JSON, see {@code src/main/resources/legal/AT.json}) and checks it as a legal
 * department's reviewer would expect the product to: every problem is reported at once, and a catalogue with any
 * problem is not used. Pure apart from reading the file.
 *
 * <p>The rules: German texts are always there (they are the binding ones); a voluntary basis has no decider, no
 * outcome, no notice and no appeal, every other basis has all four; the invitation kinds fit the obligation
 * (a placement proposal is BINDING, a control appointment CONTROL, mass mailings, public links and own initiative
 * VOLUNTARY); suspending or resuming payment follows only from a control appointment; a code keeps its obligation
 * across versions; and each invitation kind with each benefit type rests on at most one basis.
 */
public final class CatalogueFile {

  /** Invitation kinds and the obligation each carries (the database checks the same pairing on invitation). */
  static final Map<String, Obligation> KINDS = Map.of(
      "PLACEMENT_PROPOSAL", Obligation.BINDING,
      "CONTROL_APPOINTMENT", Obligation.CONTROL,
      "MASS_MAILING", Obligation.VOLUNTARY,
      "PUBLIC_LINK", Obligation.VOLUNTARY,
      "OWN_INITIATIVE", Obligation.VOLUNTARY);

  private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,63}$");
  private static final Pattern JURISDICTION = Pattern.compile("^[A-Z]{2}$");
  private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");
  private static final Pattern BENEFIT = Pattern.compile("^[A-Z][A-Z_]{1,39}$");
  static final int MAX_TEXT = 10_000;

  /** The catalogue built into the product for a jurisdiction ({@code legal/AT.json}, {@code legal/DE.json}). */
  public static Catalogue builtIn(String jurisdiction) {
    String resource = "legal/" + jurisdiction + ".json";
    try (InputStream in = CatalogueFile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new InvalidCatalogue(resource, List.of("there is no built-in catalogue for jurisdiction " + jurisdiction));
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, jurisdiction);
    } catch (IOException e) {
      throw new InvalidCatalogue(resource, List.of(e.getMessage()));
    }
  }

  /** An operator's own catalogue file, which must be for the configured jurisdiction. */
  public static Catalogue read(Path file, String jurisdiction) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), jurisdiction);
    } catch (IOException e) {
      throw new InvalidCatalogue(file.toString(), List.of("cannot read it: " + e.getMessage()));
    }
  }

  /** Parses and checks a catalogue; throws {@link InvalidCatalogue} naming every problem. */
  public static Catalogue parse(String json, String source, String jurisdiction) {
    JsonObject root;
    try {
      root = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidCatalogue(source, List.of("not a JSON object: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    String j = root.getValue("jurisdiction") instanceof String s ? s : null;
    if (j == null || !JURISDICTION.matcher(j).matches()) problems.add("\"jurisdiction\" must be two capital letters");
    else if (!j.equals(jurisdiction)) problems.add("it is for jurisdiction " + j + ", but the configured one is " + jurisdiction);
    Map<String, String> authority = texts(root, "authority", "catalogue", problems);
    List<String> benefits = new ArrayList<>();
    JsonArray b = root.getValue("benefits") instanceof JsonArray a ? a : null;
    if (b == null || b.isEmpty()) problems.add("\"benefits\" must list the jurisdiction's benefit types");
    else for (Object o : b) {
      if (o instanceof String s && BENEFIT.matcher(s).matches() && !s.equals(Catalogue.NO_BENEFIT)) benefits.add(s);
      else problems.add("benefit type " + o + " is not a name in capitals (and " + Catalogue.NO_BENEFIT + " is reserved)");
    }
    List<Basis> bases = new ArrayList<>();
    JsonArray entries = root.getValue("bases") instanceof JsonArray a ? a : null;
    if (entries == null || entries.isEmpty()) problems.add("\"bases\" must list at least one legal basis");
    else for (int i = 0; i < entries.size(); i++) {
      if (entries.getValue(i) instanceof JsonObject e) {
        Basis basis = basis(e, j, benefits, problems);
        if (basis != null) bases.add(basis);
      } else {
        problems.add("basis #" + (i + 1) + " is not an object");
      }
    }
    checkTogether(bases, problems);
    if (!problems.isEmpty()) throw new InvalidCatalogue(source, problems);
    return new Catalogue(j, authority, benefits, bases, List.of());
  }

  /** One entry (also used for the versions stored in the database); null when it has problems, which are added. */
  static Basis basis(JsonObject e, String jurisdiction, List<String> benefitTypes, List<String> problems) {
    int before = problems.size();
    String code = e.getValue("code") instanceof String s && CODE.matcher(s).matches() ? s : null;
    String name = code != null ? code : "basis " + e.getValue("code");
    if (code == null) problems.add(name + ": \"code\" must be capitals, digits and _");
    int version = e.getValue("version") instanceof Integer v && v >= 1 ? v : 0;
    if (version == 0) problems.add(name + ": \"version\" must be a whole number from 1");
    name = name + (version > 0 ? " v" + version : "");
    Instant validFrom = null;
    try {
      validFrom = Instant.parse(String.valueOf(e.getValue("validFrom")));
    } catch (DateTimeParseException ex) {
      problems.add(name + ": \"validFrom\" must be an instant such as 2025-01-01T00:00:00Z");
    }
    Obligation obligation = enumValue(Obligation.class, e.getValue("obligation"));
    if (obligation == null) problems.add(name + ": \"obligation\" must be one of VOLUNTARY, BINDING, CONTROL");
    Set<String> invitations = new LinkedHashSet<>();
    for (Object k : array(e, "invitations")) {
      if (!KINDS.containsKey(k)) problems.add(name + ": invitation kind " + k + " is unknown (" + String.join(", ", KINDS.keySet()) + ")");
      else if (obligation != null && KINDS.get(k) != obligation) problems.add(name + ": a " + k + " is " + KINDS.get(k) + ", not " + obligation);
      else invitations.add((String) k);
    }
    if (invitations.isEmpty()) problems.add(name + ": \"invitations\" must name the invitation kinds it covers");
    Set<String> benefits = new LinkedHashSet<>();
    for (Object o : array(e, "benefits")) {
      if (Catalogue.NO_BENEFIT.equals(o) && obligation != Obligation.VOLUNTARY) {
        problems.add(name + ": only a voluntary basis applies to people without a recorded benefit (" + Catalogue.NO_BENEFIT + ")");
      } else if (Catalogue.NO_BENEFIT.equals(o) || benefitTypes.contains(o)) {
        benefits.add((String) o);
      } else {
        problems.add(name + ": benefit type " + o + " is not in the catalogue's \"benefits\"");
      }
    }
    if (benefits.isEmpty()) problems.add(name + ": \"benefits\" must name the benefit types it applies to");
    Map<String, String> law = texts(e, "law", name, problems);
    Map<String, String> consequence = texts(e, "consequence", name, problems);
    Decider decider = e.getValue("decider") == null ? null : enumValue(Decider.class, e.getValue("decider"));
    if (e.getValue("decider") != null && decider == null) problems.add(name + ": \"decider\" must be CASEWORKER or MUNICIPALITY");
    Set<LegalOutcome> outcomes = EnumSet.noneOf(LegalOutcome.class);
    for (Object o : array(e, "outcomes")) {
      LegalOutcome outcome = enumValue(LegalOutcome.class, o);
      if (outcome == null) problems.add(name + ": outcome " + o + " is unknown");
      else outcomes.add(outcome);
    }
    Map<String, String> notice = null;
    Map<String, String> appeal = null;
    if (obligation == Obligation.VOLUNTARY) {
      if (decider != null || !outcomes.isEmpty() || e.containsKey("notice") || e.containsKey("appeal")) {
        problems.add(name + ": a voluntary basis has no decider, no outcomes, no notice and no appeal: nothing may follow from it");
      }
    } else if (obligation != null) {
      if (decider == null) problems.add(name + ": \"decider\" is required: a human decides");
      if (outcomes.isEmpty()) problems.add(name + ": \"outcomes\" must list what a decision may lead to");
      notice = texts(e, "notice", name, problems);
      appeal = texts(e, "appeal", name, problems);
      boolean payment = outcomes.contains(LegalOutcome.PAYMENT_SUSPENDED) || outcomes.contains(LegalOutcome.PAYMENT_RESUMED);
      if (payment && obligation != Obligation.CONTROL) {
        problems.add(name + ": suspending or resuming payment follows only from a control appointment");
      }
      if (obligation == Obligation.CONTROL && outcomes.contains(LegalOutcome.SANCTION_WAIVED)) {
        problems.add(name + ": a waiver belongs to a refusal-of-work sanction, not to a control appointment");
      }
    }
    if (problems.size() > before) return null;
    return new Basis(code, version, obligation,
        new Basis.Scope(jurisdiction, validFrom, Set.copyOf(invitations), Set.copyOf(benefits)),
        new Basis.Decision(decider, Set.copyOf(outcomes)), new Basis.Texts(law, consequence, notice, appeal), e.copy());
  }

  /** Rules across entries: one (code, version) once, a code keeps its obligation, no kind and benefit type twice. */
  private static void checkTogether(List<Basis> bases, List<String> problems) {
    Set<String> seen = new LinkedHashSet<>();
    Map<String, Obligation> obligations = new HashMap<>();
    Map<String, String> covered = new LinkedHashMap<>();
    for (Basis b : bases) {
      if (!seen.add(b.ref())) problems.add(b.ref() + " appears twice: a changed text needs a new version");
      Obligation earlier = obligations.putIfAbsent(b.code(), b.obligation());
      if (earlier != null && earlier != b.obligation()) problems.add(b.code() + " changes its obligation between versions: use a new code");
      for (String kind : b.scope().invitations()) {
        for (String benefit : b.scope().benefits()) {
          String other = covered.putIfAbsent(kind + " for " + benefit, b.code());
          if (other != null && !other.equals(b.code())) {
            problems.add(kind + " for " + benefit + " rests on both " + other + " and " + b.code() + ": it must be one");
          }
        }
      }
    }
  }

  private static Map<String, String> texts(JsonObject e, String field, String name, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(e.getValue(field) instanceof JsonObject t)) {
      problems.add(name + ": \"" + field + "\" must give the text per language, at least \"de\"");
      return out;
    }
    for (String lang : t.fieldNames()) {
      Object v = t.getValue(lang);
      if (!LANGUAGE.matcher(lang).matches()) problems.add(name + ": \"" + field + "\" has a language key " + lang + " that is not two small letters");
      else if (!(v instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) problems.add(name + ": \"" + field + "\" in " + lang + " must be a text of 1 to " + MAX_TEXT + " characters");
      else out.put(lang, s.strip());
    }
    if (!out.containsKey(Basis.BINDING_LANGUAGE) && problems.stream().noneMatch(p -> p.startsWith(name + ": \"" + field + "\""))) {
      problems.add(name + ": \"" + field + "\" needs the German text (\"de\"), which is the binding one");
    }
    return out;
  }

  private static List<Object> array(JsonObject e, String field) {
    return e.getValue(field) instanceof JsonArray a ? a.getList() : List.of();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, Object value) {
    if (!(value instanceof String s)) return null;
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private CatalogueFile() {
  }
}
