package email_test

import (
	"net"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels/email"
)

// TestSendErrors checks what the outbox is told about failed submissions:
// a 4xx answer or an unreachable server is retried, a 5xx answer is not.
func TestSendErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	for _, tc := range []struct {
		name      string
		code      int // scripted answer to DATA; 0 sends to a closed port
		permanent bool
	}{
		{"accepted", 250, false},
		{"mailbox busy", 451, false},
		{"mailbox unknown", 550, true},
		{"server down", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			ch := r.channel()
			if tc.code == 0 {
				ch = channelTo(t, r, closed)
			} else if tc.code != 250 {
				r.catcher.FailNext(tc.code)
			}
			n := &cases.Notification{Tracking: "1234567890", Channel: email.Name, To: "ana@resident.example", Kind: cases.KindAck,
				Language: "es", Text: "Gracias.", ThreadRef: "<a@resident.example>"}
			id, err := ch.Send(t.Context(), n)
			switch {
			case tc.code == 250 && (err != nil || id == ""):
				t.Fatalf("send: %q %v", id, err)
			case tc.code != 250 && (err == nil || cases.IsPermanent(err) != tc.permanent):
				t.Fatalf("err %v, permanent %v, want permanent %v", err, cases.IsPermanent(err), tc.permanent)
			}
		})
	}
}

func channelTo(t *testing.T, r *rig, smtpAddr string) *email.Channel {
	ch, err := email.New(email.Options{Address: "311@riverton.example", Intake: r.intake, Store: r.store,
		SMTP: email.SMTPOptions{Addr: smtpAddr, TLS: email.TLSNone}})
	if err != nil {
		t.Fatal(err)
	}
	return ch
}
