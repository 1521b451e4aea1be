package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is a process under test: `tulkki serve` or the Node peer, run as
// a child so that its memory can be read from /proc and neither shares the
// load driver's heap or CPU accounting.
type server struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{} // closed when the process has ended
	waitErr error
}

// startServer starts name's process with its output in a log file in dir.
// The process keeps running when ctx ends: stop ends it.
func startServer(name, logDir, workDir string, env []string, argv ...string) (*server, error) {
	logPath := filepath.Join(logDir, name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir, cmd.Env = workDir, env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start %s (%s): %w", name, strings.Join(argv, " "), err)
	}
	s := &server{name: name, cmd: cmd, logPath: logPath, exited: make(chan struct{})}
	go func() {
		s.waitErr = cmd.Wait()
		logFile.Close()
		close(s.exited)
	}()
	return s, nil
}

// stop asks the process to end (SIGTERM, as a service manager would) and
// kills it if it has not within the grace period.
func (s *server) stop(grace time.Duration) {
	if s == nil {
		return
	}
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(grace):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// logTail is the end of the process's output, for error messages.
func (s *server) logTail() string {
	raw, err := os.ReadFile(s.logPath)
	if err != nil {
		return ""
	}
	if len(raw) > 2000 {
		raw = raw[len(raw)-2000:]
	}
	return string(raw)
}

// waitReady polls url until it answers 200, the process ends, or timeout.
func (s *server) waitReady(ctx context.Context, client *http.Client, url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.exited:
			return fmt.Errorf("%s ended before it was ready (%v); its output (%s):\n%s", s.name, s.waitErr, s.logPath, s.logTail())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready at %s after %s; its output (%s):\n%s", s.name, url, timeout, s.logPath, s.logTail())
		}
	}
}

// memory reads the process's resident set now (VmRSS) and its peak so far
// (VmHWM) from /proc, in bytes.
func (s *server) memory() (rss, peak int64, err error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, fmt.Errorf("memory of %s: %w", s.name, err)
	}
	return parseProcStatus(raw)
}

// parseProcStatus takes VmRSS and VmHWM (kB) from a /proc/PID/status text
// and returns them in bytes.
func parseProcStatus(raw []byte) (rss, peak int64, err error) {
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		fields := strings.Fields(val)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, 0, fmt.Errorf("/proc status: unexpected %s line %q", key, sc.Text())
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc status: %s: %w", key, err)
		}
		if key == "VmRSS" {
			rss = kb * 1024
		} else {
			peak = kb * 1024
		}
		found++
	}
	if found != 2 {
		return 0, 0, errors.New("/proc status: no VmRSS and VmHWM lines (not Linux?)")
	}
	return rss, peak, nil
}

// cpu reads the CPU time (user and system) the process has used so far
// from /proc.
func (s *server) cpu() (time.Duration, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("CPU time of %s: %w", s.name, err)
	}
	return parseProcStat(raw)
}

// clockTick is the unit of /proc/PID/stat's times: USER_HZ, 100 on every
// Linux Tulkki runs on (sysconf(_SC_CLK_TCK) without cgo).
const clockTick = 10 * time.Millisecond

// parseProcStat takes utime and stime from a /proc/PID/stat line. The
// command name (second field) is in parentheses and may hold spaces, so
// the fields are counted from the last ')': utime and stime are the 14th
// and 15th fields of the line, the 12th and 13th after it.
func parseProcStat(raw []byte) (time.Duration, error) {
	i := bytes.LastIndexByte(raw, ')')
	if i < 0 {
		return 0, errors.New("/proc stat: no command name")
	}
	fields := strings.Fields(string(raw[i+1:]))
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc stat: %d fields after the command name, want at least 13", len(fields))
	}
	var ticks int64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc stat: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * clockTick, nil
}

// parseStatementsMetric finds tulkki_cypher_statements_total in a
// Prometheus text exposition (GET /metrics).
func parseStatementsMetric(raw []byte) (int64, error) {
	const name = "tulkki_cypher_statements_total"
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, name+" ")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		if err != nil {
			return 0, fmt.Errorf("metric %s: %q: %w", name, line, err)
		}
		return int64(f), nil
	}
	return 0, fmt.Errorf("no %s in /metrics", name)
}
