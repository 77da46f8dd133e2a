package email

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/intake311/intake311/cases"
)

// saveMedia stores the message's photos as case media, named by their
// content so that reading a message twice writes nothing new. note lists
// what was left out, for staff.
func (c *Channel) saveMedia(p *Parsed) (media []cases.Media, note string, err error) {
	var skipped []string
	for _, a := range p.Attachments {
		m, why, err := c.saveOne(a)
		if err != nil {
			return nil, "", err
		}
		if why != "" {
			skipped = append(skipped, fmt.Sprintf("%s (%s)", firstNonEmpty(a.Name, a.ContentType), why))
			continue
		}
		media = append(media, m)
	}
	if len(skipped) > 0 {
		note = "[attachments not kept: " + strings.Join(skipped, ", ") + "]"
	}
	return media, note, nil
}

// saveOne writes one attachment, or says why it is not kept.
func (c *Channel) saveOne(a Attachment) (cases.Media, string, error) {
	o := c.opts.Media
	types := o.Types
	if types == nil {
		types = DefaultMediaTypes
	}
	switch {
	case o.Dir == "":
		return cases.Media{}, "no media folder", nil
	case !slices.Contains(types, a.ContentType):
		return cases.Media{}, "type " + a.ContentType + " not accepted", nil
	case int64(len(a.Data)) > cmp(o.MaxBytes, 10<<20):
		return cases.Media{}, fmt.Sprintf("%d bytes, over the limit", len(a.Data)), nil
	case len(a.Data) == 0:
		return cases.Media{}, "empty", nil
	}
	path, err := writeMedia(o.Dir, a)
	if err != nil {
		return cases.Media{}, "", err
	}
	return cases.Media{URL: "file://" + path, ContentType: a.ContentType, Size: int64(len(a.Data)), Name: a.Name}, "", nil
}

func writeMedia(dir string, a Attachment) (string, error) {
	sum := sha256.Sum256(a.Data)
	ext := ".bin"
	if exts, _ := mime.ExtensionsByType(a.ContentType); len(exts) > 0 {
		ext = exts[0]
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	path := filepath.Join(abs, hex.EncodeToString(sum[:16])+ext)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, a.Data, 0o640); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	return path, nil
}
