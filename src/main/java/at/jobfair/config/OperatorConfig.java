package at.jobfair.config;

import at.jobfair.config.Config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who runs this installation and how it looks ({@code operator.*}): the name, logo, favicon and colours every page
 * shows, and the texts of the imprint, the hotline and the accessibility statement. Everything has a demo default, so
 * a page is never without a logo, an imprint or a number to call.
 *
 * @param name              the operator's name (header's logo text, imprint, accessibility statement)
 * @param logo              the logo: a file under {@code /static/} or in the data directory
 * @param favicon           the favicon, the same way
 * @param primaryColour     links, buttons: a hex colour readable on white (contrast at least 4.5 : 1)
 * @param primaryTextColour the text on buttons: a hex colour readable on the primary colour (at least 4.5 : 1)
 * @param address           the postal address (imprint)
 * @param email             the contact address (imprint, help)
 * @param hotlinePhone      the hotline's number, as people dial it
 * @param hotlineHours      when the hotline answers
 * @param imprint           the rest of the imprint (register, supervisory authority, purpose of the site)
 * @param accessibilityContact     where people report barriers (an email address)
 * @param accessibilityComplaintUrl the enforcement body's complaint page (Austria, federal: the FFG)
 * @param accessibilityDate the date the accessibility statement was made or last reviewed
 */
public record OperatorConfig(String name, Image logo, Image favicon, String primaryColour, String primaryTextColour,
                             String address, String email, String hotlinePhone, String hotlineHours, String imprint,
                             String accessibilityContact, String accessibilityComplaintUrl, LocalDate accessibilityDate) {

  /** Colours as the stylesheet takes them: {@code #rgb} or {@code #rrggbb}. */
  private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  private static final Pattern STATIC = Pattern.compile("/static/[A-Za-z0-9_./-]+");
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** The backgrounds the primary colour is read on (links): the page's and the cards'. */
  private static final String[] BACKGROUNDS = {"#ffffff", "#f6f7f9"};

  /**
   * An image every page shows: a file the node serves under {@code /static/} (the webroot), or a file in the data
   * directory served at {@code /branding/<kind>}.
   *
   * @param url         what the pages link to
   * @param file        the file in the data directory, or null for one under /static
   * @param contentType the type the file is served as
   */
  public record Image(String url, Path file, String contentType) {
  }

  static OperatorConfig from(Config c) {
    String name = text(c.string("operator.name"), "operator.name", 200);
    if (name.isBlank()) throw new ConfigException("operator.name", "must name the operator (shown on every page and in the imprint)");
    Image logo = image(c, c.string("operator.logo"), "operator.logo", "logo");
    Image favicon = image(c, c.string("operator.favicon"), "operator.favicon", "favicon");
    String primary = colour(c.string("operator.primaryColour"), "operator.primaryColour");
    String primaryText = colour(c.string("operator.primaryTextColour"), "operator.primaryTextColour");
    for (String bg : BACKGROUNDS) {
      double r = contrast(primary, bg);
      if (r < 4.5) {
        throw new ConfigException("operator.primaryColour", String.format(Locale.ROOT,
            "%s is too light for links on the page's background %s: contrast %.2f : 1, WCAG 2.1 AA asks for at least 4.5 : 1", primary, bg, r));
      }
    }
    double r = contrast(primary, primaryText);
    if (r < 4.5) {
      throw new ConfigException("operator.primaryTextColour", String.format(Locale.ROOT,
          "%s on the primary colour %s has a contrast of %.2f : 1, WCAG 2.1 AA asks for at least 4.5 : 1", primaryText, primary, r));
    }
    String email = text(c.string("operator.email"), "operator.email", 200);
    if (!EMAIL.matcher(email).matches()) throw new ConfigException("operator.email", "must be an email address, was '" + email + "'");
    String phone = text(c.string("operator.hotlinePhone"), "operator.hotlinePhone", 40);
    if (!phone.matches("\\+?[0-9][0-9 /()-]{3,38}")) {
      throw new ConfigException("operator.hotlinePhone", "must be a phone number such as +43 1 234 5678, was '" + phone + "'");
    }
    String contact = text(c.string("operator.accessibilityContact"), "operator.accessibilityContact", 200);
    if (!EMAIL.matcher(contact).matches()) {
      throw new ConfigException("operator.accessibilityContact", "must be an email address, was '" + contact + "'");
    }
    String complaint = text(c.string("operator.accessibilityComplaintUrl"), "operator.accessibilityComplaintUrl", 300);
    if (!complaint.matches("https://[^\\s\"<>]+")) {
      throw new ConfigException("operator.accessibilityComplaintUrl", "must be an https:// address, was '" + complaint + "'");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(c.string("operator.accessibilityDate"));
    } catch (DateTimeParseException e) {
      throw new ConfigException("operator.accessibilityDate", "must be a date such as 2026-12-07, was '" + c.string("operator.accessibilityDate") + "'");
    }
    return new OperatorConfig(name, logo, favicon, primary.toLowerCase(Locale.ROOT), primaryText.toLowerCase(Locale.ROOT),
        text(c.string("operator.address"), "operator.address", 300), email, phone, text(c.string("operator.hotlineHours"), "operator.hotlineHours", 200), text(c.string("operator.imprint"), "operator.imprint", 2000),
        contact, complaint, date);
  }

  private static String text(String value, String key, int max) {
    String v = value.strip();
    if (v.length() > max) throw new ConfigException(key, "must be at most " + max + " characters");
    return v;
  }

  private static String colour(String value, String key) {
    String v = value.strip();
    if (!HEX.matcher(v).matches()) {
      throw new ConfigException(key, "must be a CSS colour in hex notation such as #0b5cad or #fff, was '" + v + "'");
    }
    return v.length() == 4 ? "#" + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2) + v.charAt(3) + v.charAt(3) : v;
  }

  private static Image image(Config c, String value, String key, String kind) {
    String v = value.strip();
    String type = type(v);
    if (type == null) throw new ConfigException(key, "must be an .svg, .png, .jpg, .webp or .ico image, was '" + v + "'");
    if (v.startsWith("/")) {
      if (!STATIC.matcher(v).matches() || v.contains("..")) {
        throw new ConfigException(key, "must be a file under /static/ (the webroot) or a file in data.dir, was '" + v + "'");
      }
      return new Image(v, null, type);
    }
    if (!FILE.matcher(v).matches() || v.contains("..")) {
      throw new ConfigException(key, "must be a file under /static/ (the webroot) or a file in data.dir, was '" + v + "'");
    }
    Path file = c.data().dir().resolve(v).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) throw new ConfigException(key, "names " + file + ", which is not a file");
    return new Image("/branding/" + kind, file, type);
  }

  private static String type(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".svg")) return "image/svg+xml";
    if (p.endsWith(".png")) return "image/png";
    if (p.endsWith(".jpg") || p.endsWith(".jpeg")) return "image/jpeg";
    if (p.endsWith(".webp")) return "image/webp";
    if (p.endsWith(".ico")) return "image/x-icon";
    return null;
  }

  /** WCAG 2.1's contrast ratio of two hex colours. */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    String h = hex.length() == 4 ? "" + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2) + hex.charAt(3) + hex.charAt(3)
        : hex.substring(1);
    double[] ch = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
      ch[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  }
}
