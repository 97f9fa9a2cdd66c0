import { defineMessages } from "#src/shared/messages.ts";

// Texts of the needs-intelligence charts, their data tables and export links.

export const chartsMessages = defineMessages({
  sv: {
    "bar.description": "Stapeldiagram: {column}. Alla siffror finns i tabellen under diagrammet.",
    "line.description":
      "Linjediagram med en linje för varje rad i tabellen. Alla siffror finns i tabellen under diagrammet.",
    "chart.empty": "Det finns inga uppgifter att visa ännu.",
    "legend.label": "Förklaring till diagrammet",
    "legend.suppressed": "Dolda värden (< 3 och ..) visas inte som punkt",
    "legend.more": "Diagrammet visar de {shown} första raderna. Alla {total} finns i tabellen.",
    "export.csv": "Ladda ner CSV",
    "export.xlsx": "Ladda ner Excel (XLSX)",
  },
  en: {
    "bar.description": "Bar chart: {column}. All figures are in the table below the chart.",
    "line.description":
      "Line chart with one line for each row of the table. All figures are in the table below the chart.",
    "chart.empty": "There is no data to show yet.",
    "legend.label": "Chart legend",
    "legend.suppressed": "Hidden values (< 3 and ..) are not shown as a point",
    "legend.more": "The chart shows the first {shown} rows. All {total} are in the table.",
    "export.csv": "Download CSV",
    "export.xlsx": "Download Excel (XLSX)",
  },
});
