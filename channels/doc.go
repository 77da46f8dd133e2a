// Package channels connects intake311 to the services residents use: SMS
// and voice, email, Slack, X and the city's own apps.
//
// A channel is one package under channels/ whose type implements Channel,
// the outbound half, and optionally Webhook (it receives the provider's
// HTTP callbacks) or Poller (it pulls inbound traffic, as IMAP does). A Set
// holds the configured channels and routes each outbox notification to
// the channel it names, so it is the cases.Notifier the outbox dispatcher
// calls.
//
// Send errors tell the dispatcher what to do next: an error wrapped with
// Permanent is dead-lettered at once (an invalid number, an unsubscribed
// address), an error wrapped with RetryAfter is retried no sooner than the
// provider asked, and any other error is retried with backoff.
package channels
