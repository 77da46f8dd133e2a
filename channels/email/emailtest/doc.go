// Package emailtest stands in for a city's mail provider on loopback: an
// in-memory IMAP server holding the 311 mailbox and an SMTP catcher that
// keeps what the gateway sends, plus Message to write the mail a resident
// would send. Tests and the sandbox both use it.
package emailtest
