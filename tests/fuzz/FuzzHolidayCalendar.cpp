// libFuzzer: the holiday calendar reader (holiday-cn JSON, one year per file).
#include "FuzzSupport.h"
#include "core/WorkCalendar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    oneseal::core::WorkCalendar calendar;
    QString error;
    if (calendar.loadYearJson(oneseal::fuzz::bytesOf(data, size), &error))
        (void)calendar.isWorkingDay(QDate(2025, 10, 1));
    return 0;
}
