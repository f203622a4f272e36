/*
 * bare_fcgi.c - the benchmark's baseline: the least a libfcgi responder can
 * do (prefork workers, a fixed body the size of the home page). Dimos'
 * pages are reported as a ratio to this.
 * usage: bare_fcgi <socket> <workers> <body-file>
 */
#include <fcgiapp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void
serve(int fd, const char *body, size_t len)
{
	FCGX_Request r;
	static const char head[] = "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n\r\n";

	FCGX_InitRequest(&r, fd, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutStr(head, sizeof(head) - 1, r.out);
		FCGX_PutStr(body, (int)len, r.out);
		FCGX_Finish_r(&r);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sa;
	struct stat st;
	char *body;
	int fd, bf, n;

	if (argc != 4)
		return 2;
	n = atoi(argv[2]);
	bf = open(argv[3], O_RDONLY);
	if (bf < 0 || fstat(bf, &st) != 0)
		return 1;
	body = malloc((size_t)st.st_size);
	if (read(bf, body, (size_t)st.st_size) != st.st_size)
		return 1;
	FCGX_Init();
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", argv[1]);
	unlink(argv[1]);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(fd, 1024) != 0)
		return 1;
	chmod(argv[1], 0666);
	for (int i = 0; i < n; i++)
		if (fork() == 0)
			serve(fd, body, (size_t)st.st_size);
	signal(SIGTERM, SIG_IGN);
	while (wait(NULL) > 0)
		;
	return 0;
}
