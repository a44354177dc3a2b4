#pragma once

#include "NoticeDocument.h"
#include "core/CaseState.h"

namespace oneseal::print {

/**
 * The written notices of intake, filled from a case (docs/DOMAIN.md "Notices and their contents"):
 * 受理通知书, 容缺受理通知书, 告知承诺书, 一次性告知书, 不予受理通知书. Notices are official Chinese
 * documents and are always printed in Chinese, whatever the language of the screen.
 */
class IntakeNotices
{
public:
    struct Hall
    {
        QString bureau;       ///< e.g. 运城市行政审批服务管理局 (issuer and seal text)
        QString contactPhone; ///< the window's phone number
        QString appealBody;   ///< where administrative review may be applied for
        QString court;        ///< where a lawsuit may be brought
    };

    /** The notice for the case's intake outcome. */
    static NoticeDocument build(const core::CaseState& state, const Hall& hall);
    /** The QR payload of an acceptance notice: the case number, for lookups at any window. */
    static QByteArray qrPayload(const core::CaseState& state);
    /** SHA-256 over the notice's content (not its rendering), recorded when it is printed. */
    static QByteArray contentHash(const NoticeDocument& doc);
};

} // namespace oneseal::print
