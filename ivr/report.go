package ivr

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/intake311/intake311/cases"
)

// maxChoices bounds the short list of services offered to a caller.
const maxChoices = 4

func askDescribe(_ context.Context, c *call) (Step, error) {
	return c.question(c.serviceHints(c.e.opts.Services), c.say("report.describe")), nil
}

// answerDescribe classifies the caller's words and checks the service
// with them, or offers a short list when the classifier is unsure.
func answerDescribe(ctx context.Context, c *call, a answer) (Step, error) {
	if a.text == "" {
		return c.retry(ctx, a)
	}
	cls, err := c.e.opts.Classifier.Classify(ctx, a.text, c.st.Lang)
	if err != nil {
		return Step{}, fmt.Errorf("classify: %w", err)
	}
	d := c.st.Draft
	d.Text, d.Service, d.Emergency = a.text, cls.ServiceCode, cls.Emergency
	for _, alt := range cls.Alternatives {
		d.Suggested = append(d.Suggested, alt.ServiceCode)
	}
	d.locate(cls.Location)
	s, err := c.serviceOrChoices(ctx)
	if d.Emergency {
		s = s.with(c.say("report.emergency"))
	}
	return s, err
}

func (c *call) serviceOrChoices(ctx context.Context) (Step, error) {
	if d := c.st.Draft; d.Service == "" || d.Service == c.e.menu.Report.Other {
		return c.choose(ctx, "")
	}
	return c.enter(ctx, stageService)
}

func askService(_ context.Context, c *call) (Step, error) {
	name := c.e.opts.ServiceName(c.st.Draft.Service, c.st.Lang)
	return c.yesNoQuestion(c.say("report.service", "service", name)), nil
}

func answerService(ctx context.Context, c *call, a answer) (Step, error) {
	yes, ok := c.yesNo(a)
	switch {
	case !ok:
		return c.retry(ctx, a)
	case yes:
		return c.afterService(ctx)
	}
	return c.choose(ctx, c.st.Draft.Service)
}

// choose offers a short list: the classifier's other suggestions, then
// the menu's usual services, leaving out the one the caller turned down.
func (c *call) choose(ctx context.Context, refused string) (Step, error) {
	d := c.st.Draft
	d.Choices = nil
	for _, code := range slices.Concat(d.Suggested, c.e.menu.Report.Services) {
		if len(d.Choices) < maxChoices && code != refused && code != c.e.menu.Report.Other && !slices.Contains(d.Choices, code) {
			d.Choices = append(d.Choices, code)
		}
	}
	return c.enter(ctx, stageChoose)
}

func askChoose(_ context.Context, c *call) (Step, error) {
	say := []Prompt{c.say("report.choose")}
	for i, code := range c.st.Draft.Choices {
		say = append(say, c.say("report.choice", "service", c.e.opts.ServiceName(code, c.st.Lang), "digit", strconv.Itoa(i+1)))
	}
	say = append(say, c.say("report.other", "digit", strconv.Itoa(len(c.st.Draft.Choices)+1)))
	return c.question(c.serviceHints(c.st.Draft.Choices), say...), nil
}

func answerChoose(ctx context.Context, c *call, a answer) (Step, error) {
	d := c.st.Draft
	if n, err := strconv.Atoi(a.digits); err == nil && n >= 1 && n <= len(d.Choices)+1 {
		d.Service = c.e.menu.Report.Other
		if n <= len(d.Choices) {
			d.Service = d.Choices[n-1]
		}
		return c.afterService(ctx)
	}
	for _, code := range d.Choices {
		if a.digits == "" && saysAny(a.speech, []string{c.e.opts.ServiceName(code, c.st.Lang)}, false) {
			d.Service = code
			return c.afterService(ctx)
		}
	}
	return c.retry(ctx, a)
}

// afterService asks where the problem is, or checks the place the caller
// already named.
func (c *call) afterService(ctx context.Context) (Step, error) {
	if c.st.Draft.Place != "" {
		return c.enter(ctx, stagePlace)
	}
	return c.enter(ctx, stageLocation)
}

// serviceHints are the names of services in the call's language.
func (c *call) serviceHints(codes []string) []string {
	hints := make([]string, 0, len(codes))
	for _, code := range codes {
		hints = append(hints, c.e.opts.ServiceName(code, c.st.Lang))
	}
	return hints
}

// locate keeps a place found in the caller's words.
func (d *draft) locate(l *cases.Location) {
	if l == nil {
		return
	}
	d.Place, d.Address = l.Text, l.Normalized
	if d.Address == "" {
		d.Address = l.Text
	}
	if l.Lat != nil && l.Lon != nil {
		d.Lat, d.Lon = l.Lat, l.Lon
	}
}
