// Package twilio lets residents text the city's 311 number over Twilio.
//
// Channel receives Twilio's signed webhooks under /channels/twilio/ (the
// inbound SMS and MMS at /channels/twilio/sms, delivery reports at
// /channels/twilio/sms/status) and sends notifications through the
// Messages API. An inbound text is a conversation rather than a form: a
// text that names a problem and a place becomes a case at once; otherwise
// the resident is asked, in their language, for what is missing, and the
// conversation is kept in the store so that it survives restarts and is
// shared by every replica, as are the counts behind the rate limit and the
// reply-loop detector (see Options.RateLimit). Keywords (STATUS, HELP,
// STOP, START, ESPAÑOL, ENGLISH, CANCEL) are answered in the same thread.
//
// With an ivr.Engine, Channel also answers calls at /channels/twilio/voice:
// each provider-neutral step of the menu is rendered as TwiML (<Say>,
// <Gather> for keys and speech, <Record>, <Dial>, <Hangup>), and updates for
// residents who called are spoken to them through the Calls API.
//
// The REST client of twilio-go has no base-URL option, so Options.APIBase
// and Options.HTTPClient point it at any server speaking the Twilio API,
// such as the stand-in in package twiliotest.
package twilio
