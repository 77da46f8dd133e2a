module github.com/intake311/intake311

go 1.26
