package email

import (
	"html"
	"regexp"
	"strings"
)

// blockTags start a new line when opened or closed.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "table": true, "ul": true, "ol": true,
	"hr": true, "pre": true, "section": true, "article": true, "header": true, "footer": true,
}

// skippedTags hide their content.
var skippedTags = map[string]bool{"script": true, "style": true, "head": true, "title": true, "blockquote": true}

var (
	tagRE   = regexp.MustCompile(`(?s)<!--.*?-->|<[?!][^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>`)
	spaceRE = regexp.MustCompile(`[ \t\p{Zs}]+`)
	blankRE = regexp.MustCompile(`\n{3,}`)
)

// HTMLText turns an HTML body into readable plain text: block elements
// become lines, scripts, styles and quoted replies (blockquote) are
// dropped, and entities are decoded.
func HTMLText(src string) string {
	var b strings.Builder
	skip := map[string]int{}
	last := 0
	for _, m := range tagRE.FindAllStringSubmatchIndex(src, -1) {
		if hidden(skip) == 0 {
			b.WriteString(collapse(src[last:m[0]]))
		}
		last = m[1]
		if m[4] < 0 {
			continue // a comment
		}
		closing, tag := m[3] > m[2], strings.ToLower(src[m[4]:m[5]])
		track(skip, tag, closing)
		if blockTags[tag] && hidden(skip) == 0 {
			b.WriteByte('\n')
		}
	}
	if hidden(skip) == 0 {
		b.WriteString(collapse(src[last:]))
	}
	return tidyLines(html.UnescapeString(b.String()))
}

func hidden(skip map[string]int) int {
	n := 0
	for _, v := range skip {
		n += v
	}
	return n
}

func track(skip map[string]int, tag string, closing bool) {
	if !skippedTags[tag] {
		return
	}
	if closing {
		skip[tag] = max(skip[tag]-1, 0)
		return
	}
	skip[tag]++
}

// collapse turns HTML whitespace, line breaks included, into single spaces.
func collapse(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	return spaceRE.ReplaceAllString(s, " ")
}

// tidyLines trims each line and keeps at most one blank line in a row.
func tidyLines(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(blankRE.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}
