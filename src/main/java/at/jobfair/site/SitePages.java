package at.jobfair.site;

import at.jobfair.config.OperatorConfig;
import at.jobfair.web.Http;
import at.jobfair.web.Messages.Lang;
import at.jobfair.web.Pages;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Map;

/** The pages every public service owes its users, linked from every page's footer: imprint, accessibility, help. */
public final class SitePages {

  private final Pages pages;
  private final OperatorConfig operator;

  public SitePages(Pages pages, OperatorConfig operator) {
    this.pages = pages;
    this.operator = operator;
  }

  /** The imprint (Impressum, § 5 ECG and § 25 MedienG): who runs the site and how to reach them. */
  public Future<?> imprint(RoutingContext ctx) {
    pages.render(ctx, "imprint", model(ctx));
    return null;
  }

  /**
   * The accessibility statement as the Web-Zugänglichkeits-Gesetz and Implementing Decision (EU) 2018/1523 ask: status
   * of conformity with WCAG 2.1 AA / EN 301 549, what is not accessible yet, how it was made, feedback and contact, the
   * enforcement procedure, its date.
   */
  public Future<?> accessibility(RoutingContext ctx) {
    pages.render(ctx, "accessibility", model(ctx));
    return null;
  }

  /** Help for jobseekers: how to book, move and cancel, join the call, and what to do when video fails. */
  public Future<?> help(RoutingContext ctx) {
    pages.render(ctx, "help", model(ctx));
    return null;
  }

  private Map<String, Object> model(RoutingContext ctx) {
    Lang lang = Http.lang(ctx);
    Map<String, Object> m = new HashMap<>();
    m.put("operator", Map.of("name", operator.name(), "address", operator.address(), "email", operator.email(),
        "imprint", operator.imprint(), "accessibilityContact", operator.accessibilityContact(),
        "complaintUrl", operator.accessibilityComplaintUrl(),
        "accessibilityDate", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(lang.locale()).format(operator.accessibilityDate())));
    return m;
  }
}
