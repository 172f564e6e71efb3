/**
 * The WolfScale log entry — the payload of one WAL record: {@link wolf.scale.log.ScaleEntry}
 * (statements, bound values, the leader's pinned context) and its versioned binary form, {@link
 * wolf.scale.log.EntryCodec}.
 */
package wolf.scale.log;
