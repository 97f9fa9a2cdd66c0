import { describe, expect, it } from "vitest";
import { renderMail } from "./mail.templates.ts";

describe("renderMail", () => {
  it("builds Swedish text and HTML with a greeting, paragraphs, an action and the default footer", () => {
    const mail = renderMail({
      locale: "sv",
      greeting: "Hej Anna!",
      paragraphs: ["Du är inbjuden till Lots.", "Länken gäller i sju dagar."],
      action: { label: "Välj lösenord", url: "https://lots.example/inbjudan/abc" },
    });
    expect(mail.text).toBe(
      "Hej Anna!\n\nDu är inbjuden till Lots.\n\nLänken gäller i sju dagar.\n\n" +
        "Välj lösenord:\nhttps://lots.example/inbjudan/abc\n\n" +
        "-- \nDet här mejlet skickades automatiskt. Du kan inte svara på det.\n",
    );
    expect(mail.html).toContain('<html lang="sv">');
    expect(mail.html).toContain("Hej Anna!");
    expect(mail.html).toContain('<a href="https://lots.example/inbjudan/abc"');
    expect(mail.html).toContain(">Välj lösenord</a>");
    expect(mail.html).toContain("Om knappen inte fungerar");
  });

  it("uses English defaults for an English recipient", () => {
    const mail = renderMail({ locale: "en", paragraphs: ["Your password was changed."] });
    expect(mail.text.startsWith("Hello!\n\nYour password was changed.\n\n-- \n")).toBe(true);
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain("This message was sent automatically.");
    expect(mail.html).not.toContain("<a ");
  });

  it("escapes names and text so they cannot add markup to the HTML", () => {
    const mail = renderMail({
      locale: "sv",
      greeting: 'Hej <script>alert("x")</script>!',
      paragraphs: ['<a href="https://evil.example">klicka</a> & "citat"'],
      action: { label: "<b>Öppna</b>", url: 'https://lots.example/x?a=1&b="2"' },
      footer: "<img src=x onerror=alert(1)>",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain('evil.example">');
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("Hej &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;!");
    expect(mail.html).toContain("&amp; &quot;citat&quot;");
    expect(mail.html).toContain('href="https://lots.example/x?a=1&amp;b=&quot;2&quot;"');
    // The text part is plain text: kept as written.
    expect(mail.text).toContain('Hej <script>alert("x")</script>!');
  });

  it("keeps line breaks inside a paragraph", () => {
    const mail = renderMail({ locale: "sv", paragraphs: ["Rad ett\nRad <två>"] });
    expect(mail.html).toContain("Rad ett<br>Rad &lt;två&gt;</p>");
    expect(mail.text).toContain("Rad ett\nRad <två>");
  });

  it("refuses an action link that is not http(s)", () => {
    expect(() =>
      renderMail({ locale: "sv", paragraphs: ["x"], action: { label: "x", url: "javascript:alert(1)" } }),
    ).toThrow(/http\(s\)/);
    expect(() =>
      renderMail({ locale: "sv", paragraphs: ["x"], action: { label: "x", url: "/relativ" } }),
    ).toThrow(/not a URL/);
  });
});
