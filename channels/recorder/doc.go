// Package recorder is a channel that records what it would have sent
// instead of calling a provider. The sandbox uses it for every channel
// that has no provider stand-in yet, and its Log is what GET
// /sandbox/outbox shows; tests use it as a real channel whose deliveries
// they can read back and whose failures they can script.
package recorder
