/* version.h - Broadsheet's version and the issue format it writes. */
#ifndef BS_VERSION_H
#define BS_VERSION_H
#define BS_VERSION "0.1.0"
#endif
