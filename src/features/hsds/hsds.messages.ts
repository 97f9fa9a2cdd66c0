import { defineMessages } from "#src/shared/messages.ts";

// Texts of the platform admin's HSDS page (/admin/hsds).
export const hsdsMessages = defineMessages({
  sv: {
    "nav.hsds": "HSDS-import och export",
    "page.title": "Katalogen i HSDS-format",
    "page.intro":
      "Här kan du hämta hela katalogen som en HSDS 3.0-fil (Open Referral) eller läsa in en sådan fil från en annan katalog. Organisationer och erbjudanden behåller filens id:n, så samma fil kan läsas in igen utan dubbletter.",
    "export.heading": "Exportera",
    "export.text":
      "Filen innehåller alla organisationer och alla erbjudanden, även pausade och avslutade, med kontaktpersoner.",
    "export.link": "Ladda ner katalogen som HSDS-fil (JSON)",
    "upload.heading": "Importera",
    "upload.file": "HSDS-fil (JSON)",
    "upload.fileHint": 'En fil på formen {"organizations": [...]} med tjänsterna inuti organisationerna.',
    "upload.mode": "Vad ska göras?",
    "upload.check": "Kontrollera bara filen (ingenting sparas)",
    "upload.import": "Importera filen",
    "upload.skipInvalid": "Importera de giltiga posterna även om andra har fel",
    "upload.submit": "Skicka",
    "error.heading": "Filen kunde inte läsas",
    "error.noFile": "Välj en fil att läsa in.",
    "error.tooLarge": "Filen är för stor (högst {mb} MB).",
    "report.heading": "Resultat",
    "report.checked": "Kontrollen är klar: {organizations} organisationer och {services} tjänster i filen.",
    "report.valid": "Giltiga: {organizations} organisationer och {services} tjänster.",
    "report.imported":
      "Importerat: {orgCreated} nya och {orgUpdated} uppdaterade organisationer, {created} nya, {updated} ändrade och {unchanged} oförändrade erbjudanden.",
    "report.notImported": "Ingenting har sparats.",
    "report.problems": "Problem ({count})",
    "report.noProblems": "Filen har inga problem.",
    "report.rejected": "Poster som inte importeras ({count})",
  },
  en: {
    "nav.hsds": "HSDS import and export",
    "page.title": "The catalogue in HSDS format",
    "page.intro":
      "Download the whole catalogue as an HSDS 3.0 file (Open Referral) or read such a file from another directory. Organisations and offers keep the file's ids, so the same file can be imported again without duplicates.",
    "export.heading": "Export",
    "export.text":
      "The file holds every organisation and every offer, paused and closed ones too, with contact persons.",
    "export.link": "Download the catalogue as an HSDS file (JSON)",
    "upload.heading": "Import",
    "upload.file": "HSDS file (JSON)",
    "upload.fileHint":
      'A file of the form {"organizations": [...]} with the services inside the organizations.',
    "upload.mode": "What should be done?",
    "upload.check": "Only check the file (nothing is saved)",
    "upload.import": "Import the file",
    "upload.skipInvalid": "Import the valid records even if others have problems",
    "upload.submit": "Send",
    "error.heading": "The file could not be read",
    "error.noFile": "Choose a file to read.",
    "error.tooLarge": "The file is too large (at most {mb} MB).",
    "report.heading": "Result",
    "report.checked": "Checked: {organizations} organizations and {services} services in the file.",
    "report.valid": "Valid: {organizations} organizations and {services} services.",
    "report.imported":
      "Imported: {orgCreated} new and {orgUpdated} updated organisations, {created} new, {updated} changed and {unchanged} unchanged offers.",
    "report.notImported": "Nothing has been saved.",
    "report.problems": "Problems ({count})",
    "report.noProblems": "The file has no problems.",
    "report.rejected": "Records that are not imported ({count})",
  },
});
