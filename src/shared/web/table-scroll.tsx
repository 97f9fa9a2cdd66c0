import type { Child } from "hono/jsx";

/**
 * The sideways scroll region of a wide table: focusable and named after the table, so a keyboard user can
 * scroll it even when the table holds nothing else to focus (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function TableScroll({ label, children }: { label: string; children: Child }) {
  return (
    <section class="lots-table-scroll ds-focus" aria-label={label} tabindex={0}>
      {children}
    </section>
  );
}
