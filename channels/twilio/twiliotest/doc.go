// Package twiliotest is a test peer for package twilio, in the manner of
// net/http/httptest: Server stands in for the Twilio REST API (it records
// the messages and calls it is asked for and fails on demand), and Client
// sends webhooks to a gateway exactly as Twilio does, signed.
//
// Tests and the sandbox both use it, over loopback.
package twiliotest
