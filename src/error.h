/*
 * error.h - error reports returned by the library.
 *
 * Public functions:
 *     bs_error_set, bs_error_clear, bs_error_name_limit
 *
 * Every fallible library function returns a status (0 on success, -1 on
 * failure, or NULL for constructors) and, when the caller passes a
 * bs_error, fills it with one line that names the file and the reason
 * ("page1.tif: not an image (unknown format)").  The message lives inside
 * the struct, so reporting an error never allocates and the caller owns
 * nothing extra.  The library never prints and never exits: the CLI decides
 * what to show and which exit code to use.
 */
#ifndef BS_ERROR_H
#define BS_ERROR_H

/* Long enough for a path of a few hundred bytes and a reason. */
#define BS_ERROR_MSG_MAX 1024

typedef struct bs_error {
    int code;                   /* 0 = no error; one of bs_error_code */
    char msg[BS_ERROR_MSG_MAX]; /* one line, no trailing newline */
} bs_error;

enum bs_error_code {
    BS_OK = 0,
    BS_ERR_IO = 1,      /* cannot read or write a file */
    BS_ERR_FORMAT = 2,  /* input exists but is malformed or unsupported */
    BS_ERR_LIMIT = 3,   /* input exceeds a configured limit */
    BS_ERR_OCR = 4,     /* the OCR engine failed */
    BS_ERR_USAGE = 5,   /* invalid argument from the caller */
    BS_ERR_BUSY = 6,    /* in use by another process (a locked batch journal) */
};

/* Record an error in err (if err is not NULL); printf-style message.
 * Returns -1 so that callers can write `return bs_error_set(...)`. */
int bs_error_set(bs_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void bs_error_clear(bs_error *err);

/* If err (may be NULL) holds a BS_ERR_LIMIT, append " (option)" to its
 * message, cut to fit, so a refusal names the option that moves the
 * limit ("x.xml: larger than the limit of 100 bytes (--max-xml-bytes)").
 * Other errors are left alone. */
void bs_error_name_limit(bs_error *err, const char *option);

#endif
