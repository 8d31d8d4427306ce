/*
 * bench/jansson_load.c: the floor for `sipzone generate` (issue 18's target:
 * generate at most 2x this): jansson's own json_load_file() of the model,
 * the whole tree built and freed, nothing else.
 *
 *   cc -O2 -o jansson_load bench/jansson_load.c -ljansson
 *   /usr/bin/time -v ./jansson_load model.json
 */
#include <jansson.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: jansson_load FILE.json\n");
		return 2;
	}
	json_error_t err;
	json_t *root = json_load_file(argv[1], 0, &err);
	if (root == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", argv[1], err.line, err.column, err.text);
		return 2;
	}
	json_decref(root);
	return 0;
}
