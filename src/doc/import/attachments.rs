//! 附件: attachments after the signature.
