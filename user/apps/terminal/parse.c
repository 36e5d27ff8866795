/*
 * The shell's words: blanks separate them, quotes and backslashes keep
 * what they hold in one word, and an unquoted > or >> is a redirection
 * (shell.h). Words are copied into static storage, so the line itself is
 * never changed; a line that cannot be split (an open quote, too many
 * words) is refused as a whole, never cut short.
 */
#include "shell.h"

#include "lib/mem.h"

char shell_redir_write[] = ">";
char shell_redir_append[] = ">>";

/* every word and its terminator: never more than twice the line */
static char words[2 * (SHELL_LINE_MAX + 1)];

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

int shell_split(const char *line, char **argv)
{
	uint32_t out = 0;
	int argc = 0;

	for (;;) {
		char quote = 0;
		while (blank(*line))
			line++;
		if (!*line)
			return argc;
		if (argc == SHELL_MAX_ARGS) {
			zos_printf("too many words (at most %d)\n", SHELL_MAX_ARGS);
			return -1;
		}
		if (*line == '>') {
			int append = line[1] == '>';
			argv[argc++] = append ? shell_redir_append : shell_redir_write;
			line += append ? 2 : 1;
			continue;
		}
		argv[argc++] = &words[out];
		while (*line && (quote || (!blank(*line) && *line != '>'))) {
			char c = *line++;
			if (quote && c == quote) {
				quote = 0;
				continue;
			}
			if (!quote && (c == '"' || c == '\'')) {
				quote = c;
				continue;
			}
			if (c == '\\' && quote != '\'' && *line)
				c = *line++;
			words[out++] = c;
		}
		if (quote) {
			zos_printf("unterminated %s quote\n", quote == '"' ? "double" : "single");
			return -1;
		}
		words[out++] = 0;
	}
}
