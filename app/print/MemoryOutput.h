#pragma once

#include "print/DocumentOutput.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

namespace oneseal::print {

/**
 * Keeps each job as PDF bytes in memory (tests, and callers that store or send the document
 * themselves). QPrinter writes only to files, so each job goes through a temporary file that is
 * removed at once. setRefusal() makes it behave like a print preview the user closed.
 */
class MemoryOutput : public DocumentOutput
{
    Q_DECLARE_TR_FUNCTIONS(MemoryOutput)

public:
    struct Job
    {
        QString title;
        QByteArray pdf;
    };

    bool print(const PrintJob& job, QString* error) override;

    /** The jobs output so far, oldest first. */
    const QList<Job>& jobs() const { return m_jobs; }
    void clear() { m_jobs.clear(); }
    /** When not empty, print() keeps nothing and fails with \a text (a cancelled preview). */
    void setRefusal(const QString& text) { m_refusal = text; }

private:
    QList<Job> m_jobs;
    QString m_refusal;
};

} // namespace oneseal::print
