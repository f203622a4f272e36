-- Photos' thumbnails: a photo (JPEG, PNG, HEIC turned into JPEG) is stored
-- without its metadata, and beside it a small JPEG for the clerks' and the
-- citizen's pages (its content in blobs, like every file's). NULL for
-- files that are not photos, and for those stored before thumbnails.
ALTER TABLE attachments
    ADD COLUMN IF NOT EXISTS thumb_sha256 BINARY(32) NULL AFTER sha256,
    ADD COLUMN IF NOT EXISTS thumb_width SMALLINT UNSIGNED NULL
        AFTER thumb_sha256,
    ADD COLUMN IF NOT EXISTS thumb_height SMALLINT UNSIGNED NULL
        AFTER thumb_width;
