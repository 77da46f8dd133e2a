package twilio

import (
	"strings"
	"unicode/utf16"
)

// gsmBasic is the GSM 03.38 default alphabet: one septet each.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtended are the characters sent with an escape: two septets each.
const gsmExtended = "^{}\\[~]|€\f"

// Segment sizes: a single message, and each part of a concatenated one
// (its header takes the rest).
const (
	gsmSingle, gsmPart   = 160, 153
	ucs2Single, ucs2Part = 70, 67
)

// typographic are characters phones and editors put in that would push a
// whole text out of GSM-7 into UCS-2, less than half the room per
// segment, with their plain equivalents.
var typographic = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201c", "\"", "\u201d", "\"",
	"\u2013", "-", "\u2014", "-", "\u2026", "...", "\u00a0", " ",
)

// Segments counts the SMS segments text takes: in GSM-7 septets when every
// character is in the GSM alphabet, else in UCS-2 code units.
func Segments(text string) (n int, ucs2 bool) {
	units, ucs2 := size(text)
	single, part := gsmSingle, gsmPart
	if ucs2 {
		single, part = ucs2Single, ucs2Part
	}
	if units <= single {
		return 1, ucs2
	}
	return (units + part - 1) / part, ucs2
}

// size returns the length of text in its encoding's units.
func size(text string) (units int, ucs2 bool) {
	for _, r := range text {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			units++
		case strings.ContainsRune(gsmExtended, r):
			units += 2
		default:
			return len(utf16.Encode([]rune(text))), true
		}
	}
	return units, false
}

// Fit prepares text for sending: typographic quotes and dashes become
// plain ones, and a text longer than max segments is cut at a word
// boundary and ends with "...".
func Fit(text string, max int) string {
	text = typographic.Replace(text)
	if n, _ := Segments(text); n <= max || max <= 0 {
		return text
	}
	words := strings.Fields(text)
	var b strings.Builder
	for _, w := range words {
		next := b.String() + sep(b.Len()) + w
		if n, _ := Segments(next + "..."); n > max {
			break
		}
		b.WriteString(sep(b.Len()) + w)
	}
	return b.String() + "..."
}

func sep(n int) string {
	if n == 0 {
		return ""
	}
	return " "
}
