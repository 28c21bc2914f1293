import { renderInline, renderMarkdown } from "./markdown";

describe("markdown", () => {
  it("renders blocks: headings, lists, code, quotes, tables, rules", () => {
    const html = renderMarkdown("# Title\n\nSome *text* and **bold**.\n\n- one\n- two\n\n1. first\n\n```sql\nselect 1 < 2\n```\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | `x` |\n\n---");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<p>Some <em>text</em> and <strong>bold</strong>.</p>");
    expect(html).toContain("<ul><li>one</li><li>two</li></ul>");
    expect(html).toContain("<ol><li>first</li></ol>");
    expect(html).toContain('<pre><code class="lang-sql">select 1 &lt; 2</code></pre>');
    expect(html).toContain("<blockquote><p>quoted</p></blockquote>");
    expect(html).toContain("<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td><code>x</code></td></tr></tbody></table>");
    expect(html).toContain("<hr>");
  });

  it("escapes HTML and keeps only safe links", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(renderInline("[x](javascript:alert(1))")).not.toContain("href");
    expect(renderInline('[docs](https://example.com/a_b?x=1&y=2) <img src=x onerror="y">')).toBe(
      '<a href="https://example.com/a_b?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">docs</a> &lt;img src=x onerror=&quot;y&quot;&gt;',
    );
    // images never load: they become links
    expect(renderInline("![chart](https://example.com/c.png)")).toBe('<a href="https://example.com/c.png" target="_blank" rel="noopener noreferrer">chart</a>');
    expect(renderInline("snake_case_name stays")).toBe("snake_case_name stays");
  });
});
