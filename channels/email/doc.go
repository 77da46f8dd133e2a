// Package email is the email channel: residents write to the city's 311
// mailbox, a poller reads it over IMAP, each message becomes a case (or a
// message on the case it answers), and acknowledgements and status updates
// go back over SMTP as replies in the resident's own thread.
//
// Parse reads a message leniently, Visible strips quoted history and
// signatures, Classify tells mail a person wrote from auto-replies, bounces
// and bulk mail (RFC 3834), and Compose writes the gateway's replies.
// Channel ties them to a cases.Intake and a cases.Store.
package email
