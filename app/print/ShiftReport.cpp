#include "ShiftReport.h"

namespace oneseal::print {

NoticeDocument ShiftReport::build(const Input& in)
{
    NoticeDocument doc;
    doc.title = tr("Shift handover report");
    doc.issuer = in.hall;
    doc.date = in.at.toLocalTime().date();
    doc.fields = {
        { tr("Workstation"), in.workstation },
        { tr("Handed over"), in.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) },
        { tr("Shift since"),
            in.since.isValid() ? in.since.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                               : tr("the first record at this workstation") },
        { tr("Outgoing user"), in.outgoing },
        { tr("Incoming user"), in.incoming },
    };
    doc.fields += in.figures;
    if (in.mismatches.isEmpty()) {
        doc.paragraphs << tr("Every sheet of certificate stock is accounted for.");
    } else {
        doc.listTitle = tr("Paper stock mismatches");
        for (const QString& m : in.mismatches)
            doc.numberedItems.append({ m, QString() });
    }
    doc.closingParagraphs << tr("Both users confirmed this handover with their passwords.");
    doc.signatureLines << tr("Outgoing (signature):") << tr("Incoming (signature):");
    return doc;
}

} // namespace oneseal::print
