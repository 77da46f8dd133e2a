package emailtest

import (
	"bytes"
	"fmt"
	"time"

	"github.com/emersion/go-message/mail"
)

// Message is the mail a resident writes, for tests and `intake311 sim
// email`.
type Message struct {
	From       string
	To         string // "" is 311@riverton.example
	Subject    string
	Body       string
	MessageID  string // without angle brackets; "" makes one up
	InReplyTo  string // without angle brackets
	References []string
	Header     map[string]string // more fields, such as Auto-Submitted
	Files      []File
	Date       time.Time // zero is now
}

// File is an attachment.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Bytes writes m as MIME: text/plain, or multipart/mixed with files.
func (m *Message) Bytes() ([]byte, error) {
	h := m.header()
	var buf bytes.Buffer
	w, err := mail.CreateWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("message: %w", err)
	}
	if err := m.writeText(w); err != nil {
		return nil, fmt.Errorf("message: %w", err)
	}
	for _, f := range m.Files {
		if err := writeFile(w, f); err != nil {
			return nil, fmt.Errorf("message: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("message: %w", err)
	}
	return buf.Bytes(), nil
}

func (m *Message) header() mail.Header {
	var h mail.Header
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	h.SetDate(date)
	from, _ := mail.ParseAddress(m.From)
	if from == nil {
		from = &mail.Address{Address: m.From}
	}
	h.SetAddressList("From", []*mail.Address{from})
	to := m.To
	if to == "" {
		to = "311@riverton.example"
	}
	h.SetAddressList("To", []*mail.Address{{Address: to}})
	h.SetSubject(m.Subject)
	id := m.MessageID
	if id == "" {
		id = randomHex(10) + "@resident.example"
	}
	h.SetMessageID(id)
	m.thread(&h)
	for k, v := range m.Header {
		h.Set(k, v)
	}
	return h
}

func (m *Message) thread(h *mail.Header) {
	refs := m.References
	if m.InReplyTo != "" {
		h.SetMsgIDList("In-Reply-To", []string{m.InReplyTo})
		if len(refs) == 0 {
			refs = []string{m.InReplyTo}
		}
	}
	if len(refs) > 0 {
		h.SetMsgIDList("References", refs)
	}
}

func (m *Message) writeText(w *mail.Writer) error {
	tw, err := w.CreateInline()
	if err != nil {
		return err
	}
	var th mail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	pw, err := tw.CreatePart(th)
	if err != nil {
		return err
	}
	if _, err := pw.Write([]byte(m.Body)); err != nil {
		return err
	}
	if err := pw.Close(); err != nil {
		return err
	}
	return tw.Close()
}

func writeFile(w *mail.Writer, f File) error {
	var ah mail.AttachmentHeader
	ah.SetContentType(f.ContentType, nil)
	ah.SetFilename(f.Name)
	aw, err := w.CreateAttachment(ah)
	if err != nil {
		return err
	}
	if _, err := aw.Write(f.Data); err != nil {
		return err
	}
	return aw.Close()
}
