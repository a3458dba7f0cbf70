/*
 * image_load.c - page images from files; see image_load.h.
 */
#include "image_load.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

bs_image_limits bs_image_limits_default(void)
{
    bs_image_limits l = {BS_IMAGE_MAX_SIDE_DEFAULT, BS_IMAGE_MAX_PIXELS_DEFAULT,
                         BS_IMAGE_MIN_SIDE_DEFAULT};
    return l;
}

/* Common checks: the file exists, is a regular non-empty file, and its
 * header names a format Leptonica decodes. */
static int check_file(const char *path, int *format, bs_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return bs_error_set(err, BS_ERR_IO, "%s: not a regular file", path);
    if (st.st_size == 0)
        return bs_error_set(err, BS_ERR_FORMAT, "%s: empty file", path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    l_int32 fmt = IFF_UNKNOWN;
    findFileFormatStream(f, &fmt);
    fclose(f);
    if (fmt == IFF_UNKNOWN)
        return bs_error_set(err, BS_ERR_FORMAT, "%s: not an image (unknown format)", path);
    if (fmt == IFF_PS || fmt == IFF_LPDF || fmt == IFF_SPIX)
        return bs_error_set(err, BS_ERR_FORMAT, "%s: unsupported image format", path);
    *format = fmt;
    return 0;
}

int bs_image_count(const char *path, int *n, bs_error *err)
{
    int fmt;
    *n = 0;
    if (check_file(path, &fmt, err) != 0)
        return -1;
    if (!L_FORMAT_IS_TIFF(fmt)) {
        *n = 1;
        return 0;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return bs_error_set(err, BS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    l_int32 count = 0;
    l_ok bad = tiffGetCount(f, &count);
    fclose(f);
    if (bad || count < 1)
        return bs_error_set(err, BS_ERR_FORMAT, "%s: unreadable TIFF directory", path);
    *n = count;
    return 0;
}

PIX *bs_image_load(const char *path, int index, const bs_image_limits *limits, bs_error *err)
{
    bs_image_limits lim = limits ? *limits : bs_image_limits_default();
    int fmt;
    if (check_file(path, &fmt, err) != 0)
        return NULL;
    l_int32 w = 0, h = 0, bps = 0, spp = 0, iscmap = 0, hfmt = 0;
    if (pixReadHeader(path, &hfmt, &w, &h, &bps, &spp, &iscmap) != 0) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: corrupt or truncated image header", path);
        return NULL;
    }
    if (w <= 0 || h <= 0) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: image has no pixels", path);
        return NULL;
    }
    if (w > lim.max_side || h > lim.max_side || (long)w * h > lim.max_pixels) {
        bs_error_set(err, BS_ERR_LIMIT, "%s: image of %dx%d px exceeds the limit (%d px a side, %ld pixels)",
                     path, w, h, lim.max_side, lim.max_pixels);
        return NULL;
    }
    if (w < lim.min_side || h < lim.min_side) {
        bs_error_set(err, BS_ERR_LIMIT, "%s: image of %dx%d px is too small for a page (under %d px)",
                     path, w, h, lim.min_side);
        return NULL;
    }
    PIX *pix = L_FORMAT_IS_TIFF(fmt) ? pixReadTiff(path, index) : (index == 0 ? pixRead(path) : NULL);
    if (!pix) {
        /* Callers ask only for pages the TIFF directory lists (bs_image_count),
         * so a page that does not decode is damaged, like a single image. */
        if (index)
            bs_error_set(err, BS_ERR_FORMAT, "%s: cannot decode page %d (corrupt or truncated)", path,
                         index + 1);
        else
            bs_error_set(err, BS_ERR_FORMAT, "%s: cannot decode image (corrupt or truncated)", path);
        return NULL;
    }
    /* Multi-page TIFF pages may differ from the first page's header. */
    if (pixGetWidth(pix) > lim.max_side || pixGetHeight(pix) > lim.max_side ||
        (long)pixGetWidth(pix) * pixGetHeight(pix) > lim.max_pixels) {
        pixDestroy(&pix);
        bs_error_set(err, BS_ERR_LIMIT, "%s: page %d exceeds the image size limit", path, index + 1);
        return NULL;
    }
    PIX *norm = NULL;
    if (pixGetColormap(pix))
        norm = pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
    else if (pixGetDepth(pix) == 16)
        norm = pixConvert16To8(pix, L_MS_BYTE);
    else if (pixGetDepth(pix) == 1 || pixGetDepth(pix) == 2 || pixGetDepth(pix) == 4)
        norm = pixConvertTo8(pix, 0);
    else if (pixGetDepth(pix) == 24)
        norm = pixConvertTo32(pix);
    if (norm) {
        pixDestroy(&pix);
        pix = norm;
    }
    if (pixGetDepth(pix) != 8 && pixGetDepth(pix) != 32) {
        PIX *p8 = pixConvertTo8(pix, 0);
        pixDestroy(&pix);
        pix = p8;
    }
    if (!pix) {
        bs_error_set(err, BS_ERR_FORMAT, "%s: unsupported pixel format", path);
        return NULL;
    }
    if (pixGetDepth(pix) == 8 && pixGetColormap(pix)) {
        PIX *g = pixRemoveColormap(pix, REMOVE_CMAP_TO_GRAYSCALE);
        pixDestroy(&pix);
        pix = g;
    }
    return pix;
}
