package router

// ServiceName returns the name of a service in language, falling back to
// the document's default language and then to the code.
func (e *Engine) ServiceName(code, language string) string {
	cp := e.cur.Load()
	s := cp.services[code]
	if s == nil {
		return code
	}
	if n := s.Name[language]; n != "" {
		return n
	}
	if n := s.Name[cp.doc.Languages[0]]; n != "" {
		return n
	}
	return code
}

// Services returns the service catalogue being served, in document order.
func (e *Engine) Services() []Service {
	return append([]Service(nil), e.cur.Load().doc.Services...)
}

// DepartmentName returns the name of a department in language, falling
// back to the default language and then to the code.
func (e *Engine) DepartmentName(code, language string) string {
	cp := e.cur.Load()
	d := cp.depts[code]
	if d == nil {
		return code
	}
	if n := d.Name[language]; n != "" {
		return n
	}
	return or(d.Name[cp.doc.Languages[0]], code)
}
