// Package outbox delivers the notifications that cases.Store keeps in its
// outbox: a Dispatcher claims due notifications with a lease, hands each
// to a cases.Notifier (the gateway's channels.Set), and records the
// outcome.
//
// Delivery is at least once. A sent notification is completed with the
// provider's message id; a failed one is retried with exponential backoff
// and jitter, or dead-lettered when the error is permanent
// (cases.IsPermanent) or the attempts run out. If the process dies between
// a send and its completion, the lease expires and that notification, and
// no other, is sent again. Several dispatchers, in one process or in
// several replicas, may share one store: a lease keeps each notification
// with one of them at a time.
package outbox
