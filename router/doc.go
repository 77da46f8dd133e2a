// Package router holds the routing document that 311 managers tune — the
// service catalogue, the keywords of each service, the emergency phrases
// and the ordered routing rules — and the Engine that serves it.
//
// Parse reads and validates a document, reporting every problem with its
// file:line:col and key path. New compiles a document into an Engine that
// classifies texts (cases.Classifier) and routes cases (cases.Router), each
// with an explanation kept on the case. Swap and Watch replace the served
// document without a lock on the hot path. Replay runs stored cases
// through the live document and a draft and reports what would change;
// Evaluate scores a document on labelled requests, and Suggest mines them
// for keywords for a manager to review.
package router
