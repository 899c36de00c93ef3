<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../widgets/review_parts.py" line="86" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="87" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="89" />
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="93" />
        <source>All reps</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="94" />
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="95" />
        <source>All tiers</source>
        <translation>全部分级</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="98" />
        <source>All visits</source>
        <translation>全部拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="99" />
        <source>Any flag</source>
        <translation>有异常</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="102" />
        <source>Visit days</source>
        <translation>拜访日期</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="144" />
        <source>Comment for the rep (required to return):</source>
        <translation>给业务员的意见（退回时必填）：</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="147" />
        <source>E.g. the shelf photo is blurred; take it again from the front.</source>
        <translation>例如：货架照片模糊，请从正面重拍。</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="151" />
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="153" />
        <source>Return to rep</source>
        <translation>退回业务员</translation>
    </message>
    <message>
        <location filename="../../widgets/review_parts.py" line="155" />
        <source>Open visit page</source>
        <translation>打开拜访页面</translation>
    </message>
</context>
</TS>