package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/channels"
	"github.com/intake311/intake311/channels/recorder"
	"github.com/intake311/intake311/channels/twilio"
	"github.com/intake311/intake311/channels/twilio/twiliotest"
	"github.com/intake311/intake311/config"
	"github.com/intake311/intake311/ivr"
	"github.com/prometheus/client_golang/prometheus"
)

// twilioChannels builds texting over Twilio from the configuration, or in
// the sandbox against a loopback stand-in of the Twilio REST API.
func (g *gateway) twilioChannels() ([]channels.Channel, error) {
	tc, publicURL := g.cfg.Channels.Twilio, g.cfg.Server.PublicURL
	var replied func(to, text, twiml string)
	if g.sandbox != nil {
		tc, publicURL, replied = g.sandbox.twilio(tc), g.sandbox.base, g.sandbox.twilioReplied
	}
	if !tc.Enabled() {
		return nil, nil
	}
	menu, err := g.twilioIVR()
	if err != nil {
		return nil, err
	}
	ch, err := twilio.New(twilio.Options{
		AccountSID: tc.AccountSID, AuthToken: string(tc.AuthToken), From: tc.From, PublicURL: publicURL,
		APIBase: tc.APIBase, Store: g.store, Intake: g.intake, Workflow: g.workflow,
		ServiceName: g.engine.ServiceName, Choices: g.knownServices(tc.SMS.Choices),
		MinConfidence: g.engine.Document().Threshold, DefaultLanguage: g.cfg.City.DefaultLanguage,
		Sender: g.cfg.City.Name + " 311", IdleTimeout: tc.SMS.IdleTimeout.Duration, MaxSegments: tc.SMS.MaxSegments,
		RateLimit: tc.SMS.RateLimit, RateWindow: tc.SMS.RateWindow.Duration,
		IVR: menu, CallRetries: tc.Voice.CallRetries,
		CallRetryDelay: tc.Voice.CallRetryDelay.Duration, Abandoned: g.abandonedCalls().Inc, Changed: func() { g.dispatcher.Kick() }, Replied: replied, Logger: g.log.With("channel", "twilio"),
	})
	if err != nil {
		return nil, err
	}
	return []channels.Channel{ch, ch.SMS(), ch.Voice()}, nil
}

// abandonedCalls counts the calls to the voice menu that ended before the
// menu had finished, in /metrics.
func (g *gateway) abandonedCalls() prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "intake311_calls_abandoned_total",
		Help: "Calls to the voice menu that ended before a goodbye or a transfer.",
	})
	g.metrics.reg.MustRegister(c)
	return c
}

// twilioIVR loads the configured voice menu (or the demo one) into an
// engine that files cases through the gateway's intake.
func (g *gateway) twilioIVR() (*ivr.Engine, error) {
	menu := ivr.Demo()
	if path := g.cfg.IVRPath(); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("voice menu: %w", err)
		}
		if menu, err = ivr.Parse(path, data); err != nil {
			return nil, err
		}
	}
	var codes []string
	for _, s := range g.engine.Services() {
		codes = append(codes, s.Code)
	}
	return ivr.New(menu, ivr.Options{Store: g.store, Intake: g.intake, Cases: g.store, ServiceName: g.engine.ServiceName,
		Services: codes, AgentNumber: g.cfg.IVR.AgentNumber, TTL: g.cfg.IVR.CallTTL.Duration})
}

// knownServices keeps the codes the live catalogue has, warning about
// the others.
func (g *gateway) knownServices(codes []string) []string {
	var out []string
	for _, code := range codes {
		if g.hasService(code) {
			out = append(out, code)
			continue
		}
		g.log.Warn("channels.twilio.sms.choices: no such service in the catalogue", "service_code", code)
	}
	return out
}

// twilio starts the stand-in for the Twilio REST API, publishes it in
// /sandbox/peers, and returns the configuration that points at it. Every
// text the stand-in accepts shows in /sandbox/outbox.
func (s *sandbox) twilio(tc config.Twilio) config.Twilio {
	var token [16]byte
	rand.Read(token[:])
	api := twiliotest.NewServer(twiliotest.Options{
		AccountSID: "AC" + hex.EncodeToString(token[:]), AuthToken: hex.EncodeToString(token[:]),
		OnMessage: s.twilioMessage, OnCall: s.twilioCall, Deliver: true,
	})
	tc.AccountSID, tc.AuthToken, tc.APIBase = api.AccountSID(), config.Secret(api.AuthToken()), api.URL
	if tc.From == "" {
		tc.From = "+15555550311"
	}
	s.addPeer("twilio", map[string]string{"auth_token": api.AuthToken(), "api_base": api.URL,
		"account_sid": api.AccountSID(), "from": tc.From}, api.Close)
	return tc
}

// twilioMessage shows a text the stand-in accepted.
func (s *sandbox) twilioMessage(m twiliotest.Message) {
	extra := map[string]any{"sid": m.SID, "from": m.From}
	if len(m.MediaURLs) > 0 {
		extra["media"] = m.MediaURLs
	}
	s.log.Add(recorder.Entry{Channel: twilio.SMSChannel, To: m.To, Text: m.Body, ProviderID: m.SID,
		TrackingNumber: cases.TrackingNumber(m.Query("tracking")), Extra: extra})
}

// twilioCall shows a call the stand-in placed, with what it speaks.
func (s *sandbox) twilioCall(c twiliotest.Call) {
	v, _ := twiliotest.ParseVoice(c.TwiML)
	text := ""
	if len(v.Says) > 0 {
		text = v.Says[0]
	}
	s.log.Add(recorder.Entry{Channel: twilio.VoiceChannel, To: c.To, Text: text, ProviderID: c.SID,
		TrackingNumber: cases.TrackingNumber(c.Query("tracking")), Extra: map[string]any{"sid": c.SID, "twiml": c.TwiML}})
}

// twilioReplied shows a reply the gateway gave in TwiML.
func (s *sandbox) twilioReplied(to, text, twiml string) {
	s.log.Add(recorder.Entry{Channel: twilio.SMSChannel, To: to, Text: text, Kind: "reply",
		Extra: map[string]any{"twiml": twiml}})
}
