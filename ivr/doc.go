// Package ivr runs the city's voice menus: what a caller hears, what they
// may press or say, and what happens next, whatever telephone provider
// carries the call.
//
// A Menu is data, usually parsed from YAML with Parse (Demo is the demo
// city's, and DemoYAML its commented file, the reference for the format):
// nodes with a prompt per language, options answered by a keypad digit or
// a spoken phrase, and an action per option (a submenu, report a problem,
// check a request's status, hear some information, record a message,
// talk to an agent, repeat, go back, hang up). Parse reports every
// problem at once, each at its file:line:col and key path.
//
// An Engine walks calls through a menu. A voice channel does transport
// only: it calls Start when a call comes in, Next with what the caller did
// (an Input) and End when the call is over, and renders each Step it gets
// back in its provider's terms (for Twilio, TwiML). Steps hold no provider
// types. Everything the engine remembers about a call lives in a
// cases.StateStore (scope StateScope, keyed by the provider's call id), so
// a call survives a restart and may be served by any replica.
//
// A call that reports a problem becomes a case on channel "voice" with the
// call id as its external id, the recording (if any) as its media, and the
// caller as a contact who wants updates by phone call or by text message.
package ivr
