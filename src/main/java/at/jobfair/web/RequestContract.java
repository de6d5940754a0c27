package at.jobfair.web;

import at.jobfair.refusal.Reason;
import at.jobfair.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's contract ({@code openapi.json}) as the check of every JSON body: vertx-openapi validates the body of an
 * {@code /api} request when its handler first reads it ({@link Http#body}; so a handler may first decide who may act),
 * and a page form turned into the same JSON ({@link JsonFields.Form}), against the request schema of its operation.
 * So the contract a client reads is the contract the server enforces, and a page and the API refuse the same input the
 * same way.
 *
 * <p>Before validation, as the product has always read bodies: texts are trimmed (passwords, {@code format: password},
 * are taken as typed), and a blank text or a JSON {@code null} counts as absent, except for properties marked
 * {@code nullable}, where it is kept as {@code null} ("clear this value"). A property that fails names the refusal the
 * person reads in its {@code x-refusal} extension (a {@link Reason} code; a missing required one may name another in
 * {@code x-refusal-missing}); one without it is refused as {@link Reason#FIELD_INVALID}. A fault inside a property (a list's item, an object's field) is refused by the innermost
 * part that names a refusal. The refusal carries the path at fault in {@code "field"} ({@code breaks[1].to}) and the
 * arguments its text needs, as {@code x-refusal-args} lists them.
 *
 * <p>The validator reads JSON bodies only: the bodies of other media types (CSV, images, PDFs) are checked by their
 * handlers by content, and responses are not validated, so both are left out of what the validator loads.
 */
public final class RequestContract {

  /** The extension naming the refusal for a property that fails the schema. */
  public static final String X_REFUSAL = "x-refusal";
  /** The extension naming the refusal for a required property that is missing, where it differs from {@link #X_REFUSAL}. */
  public static final String X_REFUSAL_MISSING = "x-refusal-missing";
  /**
   * The extension listing the arguments of the refusal's text: a keyword of the schema that names the refusal
   * ({@code "maximum"} gives its value), {@code "item"} (the number of the list item at fault, from 1), or a value.
   */
  public static final String X_REFUSAL_ARGS = "x-refusal-args";
  private static final String JSON = "application/json";
  private static final String CHECK = "request.bodyCheck";
  private static final String CHECKED = "request.checkedBody";

  private final OpenAPIContract contract;
  private final JsonObject document;
  private final Map<String, Body> bodies = new HashMap<>();

  private RequestContract(OpenAPIContract contract, JsonObject document) {
    this.contract = contract;
    this.document = document;
  }

  /** Loads the contract from the class path (once per node; the schemas are compiled as they are first used). */
  public static Future<RequestContract> load(Vertx vertx) {
    JsonObject document = new JsonObject(new String(OpenApi.document(), java.nio.charset.StandardCharsets.UTF_8));
    return OpenAPIContract.from(vertx, jsonBodiesOnly(document.copy())).map(c -> new RequestContract(c, document));
  }

  /**
   * The check of a route's body, or null when its operation takes no JSON body. A route that is not in the contract is
   * a mistake in the route table, refused when the table is built.
   */
  public Body forRoute(HttpMethod method, String routePath) {
    String path = routePath.replaceAll(":([A-Za-z]+)", "{$1}");
    Operation operation = contract.operations().stream()
        .filter(o -> o.getHttpMethod().equals(method) && o.getOpenAPIPath().equals(path)).findFirst()
        .orElseThrow(() -> new IllegalStateException(method + " " + routePath + " is not described in openapi.json"));
    return operation(operation.getOperationId());
  }

  /** The check of an operation's JSON body (for a page form that sends what the operation takes), or null without one. */
  public synchronized Body operation(String operationId) {
    if (bodies.containsKey(operationId)) return bodies.get(operationId);
    Operation operation = contract.operation(operationId);
    if (operation == null) throw new IllegalArgumentException("no operation " + operationId + " in openapi.json");
    Body body = null;
    if (operation.getRequestBody() != null && operation.getRequestBody().getContent().get(JSON) != null) {
      MediaType json = operation.getRequestBody().getContent().get(JSON);
      JsonObject raw = resolve(document.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
          .getJsonObject(operation.getHttpMethod().name().toLowerCase(java.util.Locale.ROOT))
          .getJsonObject("requestBody").getJsonObject("content").getJsonObject(JSON).getJsonObject("schema"));
      body = new Body(operationId, operation.getRequestBody().isRequired(), raw,
          contract.getSchemaRepository().validator(json.getSchema()));
    }
    bodies.put(operationId, body);
    return body;
  }

  /**
   * The request's body as its route's check lets it through, normalised, read and checked once when first asked for;
   * null when the route's operation takes no JSON body.
   */
  static JsonObject checked(RoutingContext ctx) {
    Body check = ctx.get(CHECK);
    if (check == null) return null;
    JsonObject checked = ctx.get(CHECKED);
    if (checked == null) {
      checked = check.check(check.required ? Http.parsedBody(ctx) : Http.parsedOptionalBody(ctx));
      ctx.put(CHECKED, checked);
    }
    return checked;
  }

  /** An operation's JSON body: how it is normalised and what it must satisfy. */
  public final class Body {
    private final String operationId;
    private final boolean required;
    private final JsonObject schema;
    private final Validator validator;

    private Body(String operationId, boolean required, JsonObject schema, Validator validator) {
      this.operationId = operationId;
      this.required = required;
      this.schema = schema;
      this.validator = validator;
    }

    /**
     * Makes this the check of the request's body: {@link Http#body} reads it (a 400 when it is required and missing, or
     * not JSON) and checks it when the handler first asks, so that a handler may decide who may act before it reads.
     */
    public void attach(RoutingContext ctx) {
      ctx.put(CHECK, this);
    }

    /** The body, normalised, when it satisfies the operation's schema; otherwise the refusal of the first property at fault. */
    public JsonObject check(JsonObject body) {
      JsonObject normalised = new JsonObject();
      JsonObject checked = new JsonObject();
      JsonObject properties = schema.getJsonObject("properties", new JsonObject());
      for (Map.Entry<String, Object> e : body) {
        JsonObject property = resolve(properties.getJsonObject(e.getKey(), new JsonObject()));
        Object value = e.getValue();
        if (value instanceof String s && !"password".equals(property.getString("format"))) {
          if (s.indexOf('\u0000') >= 0) throw refusal(List.of(e.getKey()), body);
          value = s.strip().isEmpty() ? null : s.strip();
        }
        if (value == null) {
          if (property.getBoolean("nullable", false)) normalised.putNull(e.getKey());
          continue;
        }
        normalised.put(e.getKey(), value);
        checked.put(e.getKey(), value);
      }
      OutputUnit result = validator.validate(checked);
      Refused refused = Boolean.TRUE.equals(result.getValid()) ? null : refusalOf(result, normalised);
      if (refused != null) throw refused;
      return normalised;
    }

    /**
     * The refusal of the first error: a missing required property (in the schema's order), else the innermost error
     * within the first property at fault. None when the only error is a required property that is there as null (a
     * nullable one the validator was not shown).
     */
    private Refused refusalOf(OutputUnit result, JsonObject body) {
      String missing = firstMissing(schema, body);
      if (missing != null) return refusal(List.of(missing), body);
      List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
      OutputUnit innermost = null;
      for (OutputUnit error : errors) {
        String location = error.getInstanceLocation();
        if (location == null || !location.startsWith("#/")) continue;
        if (innermost == null || location.startsWith(innermost.getInstanceLocation() + "/")) innermost = error;
      }
      if (innermost == null) return null;
      List<String> path = new ArrayList<>(List.of(innermost.getInstanceLocation().substring(2).split("/")));
      // A part that lacks one of its own required fields (a break without its end): the field is at fault.
      if (String.valueOf(innermost.getKeywordLocation()).endsWith("/required")
          && valueAt(body, path) instanceof JsonObject part && schemaAt(path) != null) {
        String field = firstMissing(schemaAt(path), part);
        if (field != null) path.add(field);
      }
      return refusal(path, body);
    }

    /**
     * The refusal for a fault at a path into the body ({@code breaks/1/to}): the innermost part on the way that names a
     * refusal decides, with its {@code x-refusal-missing} when the part is not there.
     */
    private Refused refusal(List<String> path, JsonObject body) {
      JsonObject named = new JsonObject();
      Integer item = null;
      JsonObject at = schema;
      for (String part : path) {
        at = child(at, part);
        if (at == null) break;
        if (isIndex(part)) item = Integer.parseInt(part) + 1;
        if (named.isEmpty() || at.getString(X_REFUSAL) != null) named = at;
      }
      String field = field(path);
      String code = valueAt(body, path) == null && named.getString(X_REFUSAL_MISSING) != null
          ? named.getString(X_REFUSAL_MISSING) : named.getString(X_REFUSAL);
      JsonObject details = new JsonObject().put("field", field);
      if (code == null) return Reason.FIELD_INVALID.refuseWith(details, field);
      List<Object> args = new ArrayList<>();
      for (Object arg : named.getJsonArray(X_REFUSAL_ARGS, new JsonArray())) {
        args.add("item".equals(arg) ? item : arg instanceof String keyword ? named.getValue(keyword) : arg);
      }
      return reason(code).refuseWith(details, args.toArray());
    }

    private JsonObject schemaAt(List<String> path) {
      JsonObject at = schema;
      for (String part : path) {
        if (at == null) return null;
        at = child(at, part);
      }
      return at;
    }

    @Override
    public String toString() {
      return "body of " + operationId;
    }
  }

  /** The schema of a part of a value: an item of a list (a number) or a property of an object. */
  private JsonObject child(JsonObject schema, String part) {
    if (schema == null) return null;
    JsonObject child = isIndex(part) ? schema.getJsonObject("items")
        : schema.getJsonObject("properties", new JsonObject()).getJsonObject(part);
    return child == null ? null : resolve(child);
  }

  private static boolean isIndex(String part) {
    return !part.isEmpty() && part.chars().allMatch(Character::isDigit);
  }

  /** The first of a schema's required properties that an object lacks, or null. */
  private static String firstMissing(JsonObject schema, JsonObject value) {
    for (Object name : schema.getJsonArray("required", new JsonArray())) {
      if (!value.containsKey((String) name)) return (String) name;
    }
    return null;
  }

  private static Object valueAt(Object value, List<String> path) {
    Object at = value;
    for (String part : path) {
      if (at instanceof JsonObject o) at = o.getValue(part);
      else if (at instanceof JsonArray a && isIndex(part) && Integer.parseInt(part) < a.size()) at = a.getValue(Integer.parseInt(part));
      else return null;
    }
    return at;
  }

  /** A path as a person reads it: {@code breaks[1].to}. */
  private static String field(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String part : path) {
      if (isIndex(part)) b.append('[').append(part).append(']');
      else b.append(b.length() == 0 ? "" : ".").append(part);
    }
    return b.toString();
  }

  private static Reason reason(String code) {
    return Reason.valueOf(code.toUpperCase(java.util.Locale.ROOT));
  }

  private static Object bound(JsonObject property, String... keywords) {
    for (String k : keywords) {
      if (property.containsKey(k)) return property.getValue(k);
    }
    return null;
  }

  /** A schema with a local reference ({@code #/components/schemas/X}) replaced by what it names. */
  private JsonObject resolve(JsonObject schema) {
    JsonObject s = schema;
    while (s != null && s.getString("$ref") != null && s.getString("$ref").startsWith("#/")) {
      JsonObject target = document;
      for (String part : s.getString("$ref").substring(2).split("/")) target = target.getJsonObject(part);
      // Keywords beside the reference (x-refusal, nullable) say more about this use of it: they win.
      JsonObject merged = target.copy();
      for (Map.Entry<String, Object> e : s) if (!"$ref".equals(e.getKey())) merged.put(e.getKey(), e.getValue());
      s = merged;
    }
    return s;
  }

  /** The document as the validator reads it: request bodies of JSON only, no response contents. */
  private static JsonObject jsonBodiesOnly(JsonObject document) {
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation)) continue;
        if (operation.getValue("responses") instanceof JsonObject responses) {
          for (String status : responses.fieldNames()) {
            if (responses.getValue(status) instanceof JsonObject response) response.remove("content");
          }
        }
        if (operation.getValue("requestBody") instanceof JsonObject body) {
          body.getJsonObject("content").fieldNames().removeIf(type -> !JSON.equals(type));
          if (body.getJsonObject("content").isEmpty()) operation.remove("requestBody");
        }
      }
    }
    return document;
  }
}
