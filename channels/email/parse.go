package email

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // every charset the package knows
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// Limits of the parser, so that no message can exhaust memory or time.
const (
	maxParts    = 200      // leaf parts read from one message
	maxDepth    = 16       // multipart nesting
	maxPartSize = 32 << 20 // bytes read from one part
)

// Parsed is what the gateway reads from one email.
type Parsed struct {
	MessageID   string   // without angle brackets; "" when the message has none
	InReplyTo   []string // message ids, without angle brackets
	References  []string
	From        Address
	ReturnPath  string // "" when absent; "<>" is a null return path
	Recipients  []string
	Subject     string
	Date        time.Time
	Text        string // the body as plain text, quotes and signature included
	FromHTML    bool   // Text was made from an HTML part
	Attachments []Attachment
	Header      textproto.Header
	// Report is the message/delivery-status part of a delivery report.
	Report string
	// Original is the header of the message a report or bounce is about.
	Original textproto.Header
	Defects  []string // what the lenient parser had to work around
}

// Address is one mailbox: a display name and an address in lower case.
type Address struct {
	Name string
	Addr string
}

// Attachment is one file carried by a message.
type Attachment struct {
	Name        string
	ContentType string
	ContentID   string
	Inline      bool
	Data        []byte
}

// Parse reads a raw message. It never fails on broken MIME: what it could
// not read is listed in Defects, and a message it cannot structure at all
// is read as plain text.
func Parse(raw []byte) *Parsed {
	p := &Parsed{}
	h, body, err := readHeader(raw)
	if err != nil {
		p.defect("header: %v", err)
	}
	p.Header = h
	p.readEnvelope()
	w := walker{p: p}
	w.entity(h, body, 0)
	p.pickText(&w)
	return p
}

func (p *Parsed) defect(format string, args ...any) {
	p.Defects = append(p.Defects, fmt.Sprintf(format, args...))
}

// readHeader splits raw into its header and body. A header that does not
// parse is repaired line by line; failing that, the whole message is body.
func readHeader(raw []byte) (textproto.Header, io.Reader, error) {
	br := bufio.NewReader(bytes.NewReader(raw))
	h, err := textproto.ReadHeader(br)
	if err == nil {
		return h, br, nil
	}
	fixed, body := repairHeader(raw)
	br = bufio.NewReader(bytes.NewReader(fixed))
	if h, err2 := textproto.ReadHeader(br); err2 == nil {
		return h, io.MultiReader(br, bytes.NewReader(body)), err
	}
	return textproto.Header{}, bytes.NewReader(raw), err
}

// repairHeader keeps the header lines that look like fields or their
// continuations, dropping a leading continuation line and stray text.
func repairHeader(raw []byte) (header, body []byte) {
	var out bytes.Buffer
	rest := raw
	for len(rest) > 0 {
		line, tail, _ := bytes.Cut(rest, []byte("\n"))
		rest = tail
		trimmed := bytes.TrimRight(line, "\r")
		if len(trimmed) == 0 {
			break
		}
		cont := trimmed[0] == ' ' || trimmed[0] == '\t'
		field := bytes.IndexByte(trimmed, ':') > 0 && !bytes.ContainsAny(trimmed[:bytes.IndexByte(trimmed, ':')], " \t")
		if (cont && out.Len() > 0) || (!cont && field) {
			out.Write(trimmed)
			out.WriteString("\r\n")
		}
	}
	out.WriteString("\r\n")
	return out.Bytes(), rest
}

// readEnvelope fills the addressing fields from the top header.
func (p *Parsed) readEnvelope() {
	h := mail.Header{Header: message.Header{Header: p.Header}}
	p.MessageID = firstID(p.Header.Get("Message-Id"))
	p.InReplyTo = msgIDs(p.Header.Get("In-Reply-To"))
	p.References = msgIDs(p.Header.Get("References"))
	p.From = p.from(h)
	p.ReturnPath = strings.TrimSpace(p.Header.Get("Return-Path"))
	p.Subject = decodeWords(p.Header.Get("Subject"))
	if d, err := h.Date(); err == nil {
		p.Date = d
	}
	for _, k := range []string{"To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"} {
		for _, v := range p.Header.Values(k) {
			p.Recipients = append(p.Recipients, addrsIn(v)...)
		}
	}
}

func (p *Parsed) from(h mail.Header) Address {
	list, err := h.AddressList("From")
	if err == nil && len(list) > 0 {
		return Address{Name: list[0].Name, Addr: strings.ToLower(list[0].Address)}
	}
	raw := p.Header.Get("From")
	if raw != "" {
		p.defect("from: %q does not parse", raw)
	}
	if as := addrsIn(raw); len(as) > 0 {
		return Address{Addr: as[0]}
	}
	return Address{}
}

var wordDecoder = mime.WordDecoder{CharsetReader: charsetReader}

// decodeWords decodes RFC 2047 encoded words, keeping what does not
// decode as written.
func decodeWords(s string) string {
	out, err := wordDecoder.DecodeHeader(s)
	if err != nil {
		out = s
	}
	return strings.TrimSpace(validUTF8([]byte(out)))
}

// validUTF8 returns b as text: UTF-8 when it is, else read as Latin-1,
// which every byte sequence is.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// msgIDs lists the message ids in a References or In-Reply-To field.
func msgIDs(v string) []string {
	var ids []string
	for {
		start := strings.IndexByte(v, '<')
		if start < 0 {
			break
		}
		end := strings.IndexByte(v[start:], '>')
		if end < 0 {
			break
		}
		if id := strings.TrimSpace(v[start+1 : start+end]); id != "" {
			ids = append(ids, id)
		}
		v = v[start+end+1:]
	}
	if len(ids) == 0 && strings.TrimSpace(v) != "" && !strings.ContainsAny(strings.TrimSpace(v), " \t") {
		ids = append(ids, strings.TrimSpace(v))
	}
	return ids
}

func firstID(v string) string {
	if ids := msgIDs(v); len(ids) > 0 {
		return ids[0]
	}
	return ""
}
