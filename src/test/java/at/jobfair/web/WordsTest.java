package at.jobfair.web;

import at.jobfair.web.Messages.Lang;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One word for one thing: signing in is "Anmelden" / "Sign in", registering for a fair is "Registrieren" /
 * "Register", arriving for an appointment is "Einchecken" / "Check in". "Anmelden" once meant all three.
 */
class WordsTest {

  private final Messages messages = new Messages();

  /** The texts about registering for a fair (the form, its mail, its refusals, the data page's section). */
  private static boolean register(String key) {
    return key.startsWith("register.") || key.equals("error.register_too_many") || key.equals("invitations.mail.public.text")
        || key.equals("mydata.section.registrations") || key.equals("mydata.field.registered_ip");
  }

  /** The texts about checking in to an appointment ("I am here") and showing that someone did. */
  private static boolean checkIn(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("checkin") || k.contains("checkedin") || k.contains("checked_in") || k.equals("board.statename.awaiting_outcome");
  }

  private static Set<String> keys(Properties p, Predicate<String> which) {
    Set<String> out = new TreeSet<>();
    for (String k : p.stringPropertyNames()) if (which.test(k)) out.add(k);
    return out;
  }

  private static Set<String> saying(Properties p, Set<String> keys, List<String> words) {
    Set<String> out = new TreeSet<>();
    for (String k : keys) {
      String text = p.getProperty(k).toLowerCase(Locale.ROOT);
      for (String w : words) if (text.contains(w)) out.add(k + " says \"" + w + "\": " + p.getProperty(k));
    }
    return out;
  }

  @Test
  void signingInIsAnmeldenAndSignInAndNothingElseIs() {
    Properties de = messages.bundle(Lang.DE);
    Properties en = messages.bundle(Lang.EN);
    for (String k : List.of("nav.signIn", "signin.title", "signin.submit")) {
      assertEquals("Anmelden", de.getProperty(k), k);
      assertEquals("Sign in", en.getProperty(k), k);
    }
    // In German, "anmelden" and "Anmeldung" appear only where someone signs in.
    Set<String> elsewhere = saying(de, keys(de, k -> register(k) || checkIn(k)), List.of("anmeld", "angemeldet", "melden sie sich"));
    assertTrue(elsewhere.isEmpty(), String.join("\n", elsewhere));
  }

  @Test
  void registeringIsRegistrierenAndRegister() {
    Properties de = messages.bundle(Lang.DE);
    Properties en = messages.bundle(Lang.EN);
    assertTrue(de.getProperty("register.title").contains("registrieren"), de.getProperty("register.title"));
    assertEquals("Registrieren", de.getProperty("register.submit"));
    assertTrue(en.getProperty("register.title").startsWith("Register"), en.getProperty("register.title"));
    assertEquals("Register", en.getProperty("register.submit"));
    Set<String> wrong = new TreeSet<>();
    wrong.addAll(saying(de, keys(de, WordsTest::register), List.of("anmeld", "angemeldet", "eincheck", "eingecheckt")));
    wrong.addAll(saying(en, keys(en, WordsTest::register), List.of("sign in", "sign up", "signed up", "sign-up", "check in", "checked in")));
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void checkingInIsEincheckenAndCheckIn() {
    Properties de = messages.bundle(Lang.DE);
    Properties en = messages.bundle(Lang.EN);
    Set<String> keys = keys(de, WordsTest::checkIn);
    assertTrue(keys.size() >= 10, keys.toString());
    Set<String> wrong = new TreeSet<>();
    wrong.addAll(saying(de, keys, List.of("anmeld", "angemeldet", "registrier")));
    wrong.addAll(saying(en, keys, List.of("sign in", "signed in", "sign up", "regist")));
    // Each of them names the one word (the "too late" refusal and the counter-case need not).
    for (String k : keys) {
      if (k.equals("error.checkin_closed") || k.equals("attendance.checkinWindow")) continue;
      String d = de.getProperty(k).toLowerCase(Locale.ROOT);
      String e = en.getProperty(k).toLowerCase(Locale.ROOT);
      if (!d.contains("eincheck") && !d.contains("eingecheckt") && !d.contains("checken")) wrong.add(k + " (de) does not say einchecken: " + d);
      if (!e.contains("check in") && !e.contains("checked in") && !e.contains("check-in")) wrong.add(k + " (en) does not say check in: " + e);
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  /** The stems of each language's three words: sign in, register (for a fair), check in. */
  private record Words(List<String> signIn, List<String> register, List<String> checkIn) {
  }

  private static final java.util.Map<Lang, Words> WORDS = java.util.Map.of(
      Lang.DE_SIMPLE, new Words(List.of("anmeld", "angemeldet"), List.of("registrier"), List.of("eincheck", "eingecheckt")),
      Lang.TR, new Words(List.of("giriş yap"), List.of("kaydol", "kayıt ol"), List.of("check-in")),
      Lang.BS, new Words(List.of("prijav"), List.of("registr"), List.of("potvrd")),
      Lang.AR, new Words(List.of("تسجيل الدخول"), List.of("اشتراك", "الاشتراك"), List.of("الحضور")),
      Lang.UK, new Words(List.of("увійти", "вхід", "увійшли"), List.of("реєстр"), List.of("відміт")));

  /** In every further language too: one word for each, and the texts about registering or checking in never use another's. */
  @Test
  void everyLanguageKeepsItsThreeWordsApart() {
    Properties de = messages.bundle(Lang.DE);
    Set<String> wrong = new TreeSet<>();
    for (var e : WORDS.entrySet()) {
      Properties p = messages.bundle(e.getKey());
      Words w = e.getValue();
      for (String k : List.of("nav.signIn", "signin.title", "signin.submit")) {
        String t = p.getProperty(k).toLowerCase(Locale.ROOT);
        if (w.signIn().stream().noneMatch(t::contains)) wrong.add(e.getKey() + " " + k + " does not say sign in: " + t);
      }
      String register = p.getProperty("register.submit").toLowerCase(Locale.ROOT);
      if (w.register().stream().noneMatch(register::contains)) wrong.add(e.getKey() + " register.submit: " + register);
      String checkIn = p.getProperty("attendance.checkin").toLowerCase(Locale.ROOT);
      if (w.checkIn().stream().noneMatch(checkIn::contains)) wrong.add(e.getKey() + " attendance.checkin: " + checkIn);
      java.util.List<String> others = new java.util.ArrayList<>(w.signIn());
      others.addAll(w.checkIn());
      wrong.addAll(saying(p, keys(de, WordsTest::register), others).stream().map(x -> e.getKey() + " " + x).toList());
      others = new java.util.ArrayList<>(w.signIn());
      others.addAll(w.register());
      wrong.addAll(saying(p, keys(de, WordsTest::checkIn), others).stream().map(x -> e.getKey() + " " + x).toList());
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void noEnglishTextSaysSignUp() {
    Properties en = messages.bundle(Lang.EN);
    Set<String> wrong = saying(en, en.stringPropertyNames(), List.of("sign up", "signed up", "sign-up"));
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }
}
