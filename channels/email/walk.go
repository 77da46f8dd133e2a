package email

import (
	"io"
	"mime"
	"regexp"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/textproto"
)

// walker visits the parts of one message.
type walker struct {
	p     *Parsed
	parts int
	plain []string
	html  []string
}

func charsetReader(name string, r io.Reader) (io.Reader, error) {
	return charset.Reader(name, r)
}

// entity reads one entity with header h and raw body r.
func (w *walker) entity(h textproto.Header, r io.Reader, depth int) {
	if w.parts >= maxParts || depth > maxDepth {
		w.p.defect("too many parts; the rest is skipped")
		return
	}
	mt, params := mediaType(h)
	if strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" {
		w.multipart(textproto.NewMultipartReader(r, params["boundary"]), mt, depth)
		return
	}
	if strings.HasPrefix(mt, "multipart/") {
		w.p.defect("%s without a boundary", mt)
		h = h.Copy()
		h.Set("Content-Type", "text/plain")
		mt = "text/plain"
	}
	e, err := message.New(message.Header{Header: h}, r)
	if err != nil {
		w.p.defect("%s: %v", mt, err)
	}
	if e == nil {
		return
	}
	w.leaf(e, h, mt, params)
}

// mediaType returns the lower-case media type of h, text/plain when it is
// missing or does not parse.
func mediaType(h textproto.Header) (string, map[string]string) {
	v := h.Get("Content-Type")
	if v == "" {
		return "text/plain", nil
	}
	mt, params, err := mime.ParseMediaType(v)
	if err != nil {
		mt, _, _ = strings.Cut(v, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
		if !strings.Contains(mt, "/") {
			return "text/plain", nil
		}
	}
	return mt, params
}

func (w *walker) multipart(mr *textproto.MultipartReader, mt string, depth int) {
	if mt == "multipart/report" {
		w.p.Report = "report"
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return
		}
		if err != nil {
			w.p.defect("multipart: %v", err)
			return
		}
		w.entity(part.Header, part, depth+1)
	}
}

// leaf reads a single part into the text, the attachments or the report.
func (w *walker) leaf(e *message.Entity, h textproto.Header, mt string, params map[string]string) {
	w.parts++
	body, err := io.ReadAll(io.LimitReader(e.Body, maxPartSize))
	if err != nil {
		w.p.defect("%s: %v", mt, err)
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := decodeWords(firstNonEmpty(dparams["filename"], params["name"]))
	switch {
	case mt == "message/delivery-status" || mt == "message/global-delivery-status":
		w.p.Report = string(body)
	case mt == "message/rfc822" || mt == "text/rfc822-headers" || mt == "message/rfc822-headers" || mt == "message/global-headers":
		w.original(body)
	case strings.HasPrefix(mt, "text/") && disp != "attachment" && name == "":
		w.text(mt, body)
	default:
		w.p.Attachments = append(w.p.Attachments, Attachment{
			Name: name, ContentType: mt, Data: body, Inline: disp == "inline" || h.Get("Content-Id") != "",
			ContentID: firstID(h.Get("Content-Id")),
		})
	}
}

func (w *walker) text(mt string, body []byte) {
	s := strings.ReplaceAll(validUTF8(body), "\r\n", "\n")
	switch mt {
	case "text/html":
		w.html = append(w.html, s)
	case "text/plain", "text/enriched", "text/richtext":
		w.plain = append(w.plain, s)
	}
}

// original keeps the header of the message a report is about.
func (w *walker) original(body []byte) {
	if w.p.Original.Len() > 0 {
		return
	}
	h, _, err := readHeader(body)
	if err == nil {
		w.p.Original = h
	}
}

// pickText sets the body: the plain parts when there are any, else the
// HTML turned into text.
func (p *Parsed) pickText(w *walker) {
	if len(w.plain) > 0 {
		p.Text = strings.TrimSpace(strings.Join(w.plain, "\n\n"))
	}
	if strings.TrimSpace(p.Text) == "" && len(w.html) > 0 {
		p.Text, p.FromHTML = HTMLText(w.html[0]), true
	}
}

var addrRE = regexp.MustCompile(`[A-Za-z0-9._%+'=/!#$&*?^{|}~-]+@[A-Za-z0-9.-]+[A-Za-z0-9]`)

// addrsIn finds the addresses in a header value, in lower case.
func addrsIn(v string) []string {
	found := addrRE.FindAllString(v, -1)
	for i, a := range found {
		found[i] = strings.ToLower(a)
	}
	return found
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
