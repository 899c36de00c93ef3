<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>UnsyncedBox</name>
    <message numerus="yes">
        <location filename="../../unsynced_box.py" line="34"/>
        <source>%n change(s) made on this computer have not reached head office. They stay here, nothing is lost: they are sent at the first sync head office allows. You can also save them to a file and give it to head office.</source>
        <translation>
            <numerusform>%n change made on this computer has not reached head office. It stays here, nothing is lost: it is sent at the first sync head office allows. You can also save it to a file and give it to head office.</numerusform>
            <numerusform>%n changes made on this computer have not reached head office. They stay here, nothing is lost: they are sent at the first sync head office allows. You can also save them to a file and give it to head office.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../unsynced_box.py" line="43"/>
        <source>%n change(s) made on this computer have not reached head office. Save them to a file before the data is deleted and give it to your supervisor: it is sealed so that only head office can open it.</source>
        <translation>
            <numerusform>%n change made on this computer has not reached head office. Save it to a file before the data is deleted and give it to your supervisor: it is sealed so that only head office can open it.</numerusform>
            <numerusform>%n changes made on this computer have not reached head office. Save them to a file before the data is deleted and give it to your supervisor: it is sealed so that only head office can open it.</numerusform>
        </translation>
    </message>
</context>
</TS>
